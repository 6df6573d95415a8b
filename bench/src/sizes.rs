use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

pub struct FileSize {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

/// What the browser downloads. Pages are rendered on the server; only
/// their islands run in the browser, each from chunks of its own. Pages
/// without islands (listings, the basket, orders, accounts, the admin)
/// download no code.
pub struct Bundle {
    /// The style sheet, and the module, its loader and the chunk loader
    /// every page with an island downloads.
    pub shared: Vec<FileSize>,
    /// For each storefront page with an island, that island's chunks.
    pub pages: Vec<FileSize>,
    /// Chunks no storefront page needs (the admin's print button).
    pub admin: Option<FileSize>,
}

impl Bundle {
    /// Brotli bytes of the WASM and JS every page with an island downloads.
    pub fn shared_code(&self) -> usize {
        self.shared
            .iter()
            .filter(|s| !s.name.ends_with(".css"))
            .map(|s| s.brotli)
            .sum()
    }

    /// The storefront page whose code costs most: shared code plus its
    /// island's chunks.
    pub fn heaviest_page(&self) -> Option<(&str, usize)> {
        self.pages
            .iter()
            .max_by_key(|s| s.brotli)
            .map(|s| (s.name.as_str(), self.shared_code() + s.brotli))
    }
}

/// Storefront pages with an island, by the address a shopper sees and the
/// island's split point in the manifest.
const PAGES: &[(&str, &str)] = &[
    ("/product/{slug}", "buy_box"),
    ("/search", "search_results"),
    ("/checkout", "live_totals"),
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
    // Chunks: code shared by islands (`chunk_…`) and each island's own
    // (`split_…`).
    let is_chunk = |name: &str| name.starts_with("chunk_") || name.starts_with("split_");
    let shared = names
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
    let chunks_of = |island: &str| -> Vec<String> {
        let prefix = format!("{island}_loader_");
        manifest
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(key, _)| key.starts_with(&prefix))
            .flat_map(|(_, list)| list.as_array().cloned().unwrap_or_default())
            .filter_map(|c| c.as_str().map(|c| format!("{c}.wasm")))
            .collect()
    };
    let mut storefront_chunks = BTreeSet::new();
    let mut pages = Vec::new();
    for (address, island) in PAGES {
        let chunks = chunks_of(island);
        if chunks.is_empty() {
            // A renamed island would otherwise vanish from the report, and
            // its code be counted as the admin's.
            eprintln!("warning: the split manifest lists no chunks for {address} ({island})");
            continue;
        }
        let files: Vec<Vec<u8>> = chunks.iter().map(|c| read(c)).collect();
        pages.push(size_of(
            format!("{address} ({island}, {} chunks)", chunks.len()),
            &files,
        ));
        storefront_chunks.extend(chunks);
    }

    let admin: Vec<Vec<u8>> = names
        .iter()
        .filter(|n| is_chunk(n) && n.ends_with(".wasm") && !storefront_chunks.contains(*n))
        .map(|n| read(n))
        .collect();
    let admin = (!admin.is_empty())
        .then(|| size_of(format!("admin-only chunks ({} files)", admin.len()), &admin));
    Bundle {
        shared,
        pages,
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
