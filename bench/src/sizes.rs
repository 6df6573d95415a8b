use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

pub struct FileSize {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

/// What the browser downloads: the files of a first visit, the extra chunks
/// of each storefront page that loads on first use, and the admin's chunks.
pub struct Bundle {
    /// The style sheet, the loaders and the main WASM, which holds the frame
    /// and the shopping path (catalog, search, basket, checkout).
    pub first_visit: Vec<FileSize>,
    /// For each lazily loaded storefront page, the chunks its route needs.
    pub shopper_pages: Vec<FileSize>,
    /// Every chunk no storefront page needs; only the admin loads them.
    pub admin: Option<FileSize>,
}

impl Bundle {
    /// Brotli bytes of the WASM and JS a first visit downloads.
    pub fn first_visit_code(&self) -> usize {
        self.first_visit
            .iter()
            .filter(|s| !s.name.ends_with(".css"))
            .map(|s| s.brotli)
            .sum()
    }

    /// The storefront page that costs most when a shopper lands on it
    /// directly: main bundle plus its chunks.
    pub fn heaviest_landing(&self) -> Option<(&str, usize)> {
        self.shopper_pages
            .iter()
            .max_by_key(|s| s.brotli)
            .map(|s| (s.name.as_str(), self.first_visit_code() + s.brotli))
    }
}

/// Storefront pages that load on first use, by the address a shopper sees
/// and the route whose chunks the split manifest lists.
const SHOPPER_PAGES: &[(&str, &str)] = &[
    ("/account", "account_page_route"),
    ("/account/sign-in", "sign_in_page_route"),
    ("/account/register", "register_page_route"),
    ("/account/orders", "order_history_page_route"),
    ("/account/orders/{key}", "my_order_page_route"),
    ("/orders/{key}", "linked_order_page_route"),
];

fn gzip(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len()
}

fn brotli(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).unwrap();
    out.len()
}

/// Each file is compressed on its own, as it is served.
pub fn measure(pkg: &Path) -> Bundle {
    let mut names: Vec<String> = std::fs::read_dir(pkg)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let read = |name: &str| std::fs::read(pkg.join(name)).unwrap_or_default();
    // Chunks: code shared by split pages (`chunk_…`) and each page's own
    // (`split_…`).
    let is_chunk = |name: &str| name.starts_with("chunk_") || name.starts_with("split_");
    let first_visit = names
        .iter()
        .filter(|n| {
            !is_chunk(n) && (n.ends_with(".wasm") || n.ends_with(".js") || n.ends_with(".css"))
        })
        .map(|n| size_of(n.clone(), &[read(n)]))
        .collect();

    let manifest: serde_json::Value = std::fs::read(pkg.join("__wasm_split_manifest.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();
    let chunks_of = |route: &str| -> Vec<String> {
        let prefix = format!("__{route}_view_");
        manifest
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(key, _)| key.starts_with(&prefix))
            .flat_map(|(_, list)| list.as_array().cloned().unwrap_or_default())
            .filter_map(|c| c.as_str().map(|c| format!("{c}.wasm")))
            .collect()
    };
    let mut shopper_chunks = BTreeSet::new();
    let mut shopper_pages = Vec::new();
    for (address, route) in SHOPPER_PAGES {
        let chunks = chunks_of(route);
        if chunks.is_empty() {
            // A renamed or unsplit page would otherwise vanish from the
            // report, and its code be counted as the admin's.
            eprintln!("warning: the split manifest lists no chunks for {address} ({route})");
            continue;
        }
        let files: Vec<Vec<u8>> = chunks.iter().map(|c| read(c)).collect();
        shopper_pages.push(size_of(
            format!("{address} ({} chunks)", chunks.len()),
            &files,
        ));
        shopper_chunks.extend(chunks);
    }

    let admin: Vec<Vec<u8>> = names
        .iter()
        .filter(|n| is_chunk(n) && n.ends_with(".wasm") && !shopper_chunks.contains(*n))
        .map(|n| read(n))
        .collect();
    let admin = (!admin.is_empty())
        .then(|| size_of(format!("admin page chunks ({} files)", admin.len()), &admin));
    Bundle {
        first_visit,
        shopper_pages,
        admin,
    }
}

fn size_of(name: String, files: &[Vec<u8>]) -> FileSize {
    FileSize {
        name,
        raw: files.iter().map(Vec::len).sum(),
        gzip: files.iter().map(|f| gzip(f)).sum(),
        brotli: files.iter().map(|f| brotli(f)).sum(),
    }
}
