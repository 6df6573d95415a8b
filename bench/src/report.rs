use crate::scenario::{Kind, Outcome};
use crate::sizes::{Bundle, FileSize};
use serde_json::json;

/// Peak resident set size of a process, from /proc (Linux).
pub fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
}

fn target(kind: Kind) -> f64 {
    match kind {
        Kind::Listing => 5000.0,
        Kind::Search => 3000.0,
        Kind::Product => 6000.0,
        Kind::AddToBasket => 2500.0,
        Kind::PlaceOrder => 1000.0,
    }
}

pub fn table(results: &[Outcome], rss_kib: Option<u64>, bundle: &Bundle) -> String {
    let mut out = String::new();
    out.push_str("| Scenario | req/s | ok/s | p50 ms | p99 ms | errors | 4xx | target ok/s |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for r in results {
        out.push_str(&format!(
            "| {} | {:.0} | {:.0} | {:.2} | {:.2} | {} | {} | ≥ {:.0} |\n",
            r.kind.name(),
            r.per_second(),
            r.succeeded_per_second(),
            r.percentile_ms(0.50),
            r.percentile_ms(0.99),
            r.errors,
            r.rejected,
            target(r.kind)
        ));
    }
    match rss_kib {
        Some(kib) => out.push_str(&format!(
            "\nServer peak RSS: {:.1} MiB (target ≤ 64 MiB)\n",
            kib as f64 / 1024.0
        )),
        None => out.push_str("\nServer peak RSS: unavailable\n"),
    }
    out.push_str(&size_report(bundle));
    out
}

/// The downloads of the storefront, compressed as served, against the budget.
pub fn size_report(bundle: &Bundle) -> String {
    let mut out = String::new();
    let row = |out: &mut String, s: &FileSize| {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            s.name, s.raw, s.gzip, s.brotli
        ))
    };
    out.push_str(
        "\n| Shared by every page with an island | raw | gzip | brotli |\n|---|---:|---:|---:|\n",
    );
    for s in &bundle.shared {
        row(&mut out, s);
    }
    out.push_str("\n| Page: its island's chunks | raw | gzip | brotli | with the shared code |\n|---|---:|---:|---:|---:|\n");
    for s in &bundle.pages {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            s.name,
            s.raw,
            s.gzip,
            s.brotli,
            bundle.shared_code() + s.brotli
        ));
    }
    out.push_str(
        "Listings, the basket, orders, accounts and the admin have no islands and download no code.\n",
    );
    if let Some((page, bytes)) = bundle.heaviest_page() {
        out.push_str(&format!(
            "\nWASM + JS of the heaviest page, {page}, brotli: {:.1} KB (target ≤ 200 KB)\n",
            bytes as f64 / 1000.0
        ));
    }
    if let Some(admin) = &bundle.admin {
        out.push_str(&format!(
            "Admin only, not downloaded by shoppers: {}, {:.1} KB brotli\n",
            admin.name,
            admin.brotli as f64 / 1000.0
        ));
    }
    let css: usize = bundle
        .shared
        .iter()
        .filter(|s| s.name.ends_with(".css"))
        .map(|s| s.brotli)
        .sum();
    out.push_str(&format!(
        "CSS, brotli: {:.1} KB (target ≤ 20 KB)\n",
        css as f64 / 1000.0
    ));
    out
}

fn file(s: &FileSize) -> serde_json::Value {
    json!({ "file": s.name, "raw": s.raw, "gzip": s.gzip, "brotli": s.brotli })
}

pub fn json(
    results: &[Outcome],
    rss_kib: Option<u64>,
    bundle: &Bundle,
    connections: usize,
    seconds: u64,
) -> serde_json::Value {
    json!({
        "connections": connections,
        "seconds_per_scenario": seconds,
        "scenarios": results.iter().map(|r| json!({
            "name": r.kind.name(),
            "requests": r.requests,
            "requests_per_second": r.per_second(),
            "succeeded_per_second": r.succeeded_per_second(),
            "p50_ms": r.percentile_ms(0.50),
            "p99_ms": r.percentile_ms(0.99),
            "errors": r.errors,
            "rejected_4xx": r.rejected,
            "target_requests_per_second": target(r.kind),
        })).collect::<Vec<_>>(),
        "server_peak_rss_kib": rss_kib,
        "shared": bundle.shared.iter().map(file).collect::<Vec<_>>(),
        "shared_code_brotli": bundle.shared_code(),
        "pages": bundle.pages.iter().map(file).collect::<Vec<_>>(),
        "heaviest_page_code_brotli": bundle.heaviest_page().map(|(_, bytes)| bytes),
        "admin_chunks": bundle.admin.as_ref().map(file),
    })
}
