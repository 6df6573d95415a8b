use std::io::Write;
use std::path::Path;

pub struct FileSize {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

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

/// What a shopper's first visit downloads: the style sheet, the loader, the
/// main WASM (which holds every storefront page) and the split runtime, each
/// compressed on its own as it is served. A last row, not counted, sums the
/// admin pages' chunks, which only the admin loads.
pub fn measure(pkg: &Path) -> Vec<FileSize> {
    let mut sizes = Vec::new();
    let Ok(entries) = std::fs::read_dir(pkg) else {
        return sizes;
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let read = |name: &str| std::fs::read(pkg.join(name)).unwrap_or_default();
    // Admin page chunks: code shared by admin pages (`chunk_…`) and each
    // page's own (`split_…`).
    let is_chunk = |name: &str| name.starts_with("chunk_") || name.starts_with("split_");
    for name in names.iter().filter(|n| {
        !is_chunk(n) && (n.ends_with(".wasm") || n.ends_with(".js") || n.ends_with(".css"))
    }) {
        sizes.push(size_of(name.clone(), &[read(name)]));
    }
    let all: Vec<Vec<u8>> = names
        .iter()
        .filter(|n| is_chunk(n))
        .map(|n| read(n))
        .collect();
    if !all.is_empty() {
        sizes.push(size_of(
            format!("admin page chunks ({} files, not counted)", all.len()),
            &all,
        ));
    }
    sizes
}

fn size_of(name: String, files: &[Vec<u8>]) -> FileSize {
    FileSize {
        name,
        raw: files.iter().map(Vec::len).sum(),
        gzip: files.iter().map(|f| gzip(f)).sum(),
        brotli: files.iter().map(|f| brotli(f)).sum(),
    }
}
