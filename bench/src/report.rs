use crate::scenario::{Kind, Outcome};
use crate::sizes::FileSize;
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

pub fn table(results: &[Outcome], rss_kib: Option<u64>, sizes: &[FileSize]) -> String {
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
    out.push_str("\n| File | raw | gzip | brotli |\n|---|---:|---:|---:|\n");
    for s in sizes {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            s.name, s.raw, s.gzip, s.brotli
        ));
    }
    let bundle: usize = sizes
        .iter()
        .filter(|s| !s.name.ends_with(".css") && !s.name.contains("not counted"))
        .map(|s| s.brotli)
        .sum();
    out.push_str(&format!(
        "\nWASM + JS of a first visit, brotli: {:.1} KB (target ≤ 200 KB)\n",
        bundle as f64 / 1000.0
    ));
    let css: usize = sizes
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

pub fn json(
    results: &[Outcome],
    rss_kib: Option<u64>,
    sizes: &[FileSize],
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
        "bundle": sizes.iter().map(|s| json!({
            "file": s.name, "raw": s.raw, "gzip": s.gzip, "brotli": s.brotli,
        })).collect::<Vec<_>>(),
    })
}
