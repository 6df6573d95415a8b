//! Loads a running store with concurrent virtual users and reports
//! requests/s, latency percentiles, errors and the server's peak memory,
//! plus the compressed sizes of the storefront bundle.
//!
//! Usage: bench BASE_URL SERVER_PID PKG_DIR OUT_JSON [SECONDS] [CONNECTIONS]
//!        bench generate-catalog SOURCE_CSV PRODUCTS OUT_CSV
//!        bench sizes PKG_DIR

mod checkout;
mod generate;
mod report;
mod scenario;
mod sizes;

use std::time::Duration;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("generate-catalog") && args.len() == 5 {
        let source = std::fs::read_to_string(&args[2]).expect("read the source catalog");
        let products: usize = args[3].parse().expect("PRODUCTS");
        std::fs::write(&args[4], generate::catalog(&source, products)).expect("write the catalog");
        return;
    }
    if args.get(1).map(String::as_str) == Some("sizes") && args.len() == 3 {
        print!(
            "{}",
            report::size_report(&sizes::measure(std::path::Path::new(&args[2])))
        );
        return;
    }
    if args.len() < 5 {
        eprintln!("usage: bench BASE_URL SERVER_PID PKG_DIR OUT_JSON [SECONDS] [CONNECTIONS]");
        std::process::exit(2);
    }
    let base = args[1].trim_end_matches('/').to_owned();
    let pid: u32 = args[2].parse().expect("SERVER_PID");
    let seconds: u64 = args.get(5).and_then(|s| s.parse().ok()).unwrap_or(15);
    let connections: usize = args.get(6).and_then(|s| s.parse().ok()).unwrap_or(32);
    let duration = Duration::from_secs(seconds);

    let targets = std::sync::Arc::new(scenario::discover(&base).await);
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    let mut results = Vec::new();
    for kind in scenario::Kind::ALL {
        if !only.is_empty() && !only.split(',').any(|name| name == kind.name()) {
            continue;
        }
        eprintln!(
            "running {} for {seconds}s with {connections} connections…",
            kind.name()
        );
        results.push(scenario::run(kind, &base, &targets, connections, duration).await);
    }
    let rss_kib = report::peak_rss_kib(pid);
    let bundle = sizes::measure(std::path::Path::new(&args[3]));
    let table = report::table(&results, rss_kib, &bundle);
    println!("{table}");
    let json = report::json(&results, rss_kib, &bundle, connections, seconds);
    if let Some(dir) = std::path::Path::new(&args[4]).parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    std::fs::write(&args[4], serde_json::to_string_pretty(&json).unwrap()).expect("write results");
    eprintln!("results written to {}", args[4]);
}
