use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug)]
pub enum Kind {
    Listing,
    Search,
    Product,
    AddToBasket,
    /// Place the order of a shopper whose basket was filled before the
    /// clock started (see `checkout.rs`).
    PlaceOrder,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Listing,
        Kind::Search,
        Kind::Product,
        Kind::AddToBasket,
        Kind::PlaceOrder,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Listing => "listing page",
            Kind::Search => "search page",
            Kind::Product => "product page",
            Kind::AddToBasket => "add to basket",
            Kind::PlaceOrder => "place order",
        }
    }
}

/// What the scenarios request: product slugs and variant ids, discovered
/// from the store's own pages.
pub struct Targets {
    pub pages: u32,
    pub slugs: Vec<String>,
    pub variants: Vec<String>,
    /// In-stock variants of other products, for the checkout load, so that
    /// the stock the add-to-basket run reserved does not starve it.
    pub order_variants: Vec<String>,
    /// Two-word searches taken from product titles ("Oak Puzzle").
    pub queries: Vec<String>,
}

/// Listing pages are drawn from the first pages only, as shoppers browse;
/// the same range at every catalog size keeps the figures comparable.
const BROWSED_PAGES: u32 = 84;

fn between<'a>(text: &'a str, start: &str, end: char) -> Vec<&'a str> {
    text.match_indices(start)
        .filter_map(|(i, _)| {
            let rest = &text[i + start.len()..];
            rest.find(end).map(|j| &rest[..j])
        })
        .collect()
}

pub async fn discover(base: &str) -> Targets {
    let client = reqwest::Client::new();
    let mut slugs = Vec::new();
    let mut queries = Vec::new();
    let mut total = 0u64;
    for page in 1..=10 {
        let html = page_text(&client, &format!("{base}/?page={page}")).await;
        slugs.extend(product_slugs(&html));
        for title in between(&html, "class=\"card__title\">", '<') {
            let words: Vec<&str> = title.split_whitespace().collect();
            if words.len() >= 3 {
                queries.push(format!("{} {}", words[1], words[2]));
            }
        }
        if total == 0 {
            total = between(&html, "role=\"status\">", ' ')
                .first()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
        }
    }
    let variants = in_stock_variants(&client, base, slugs.iter()).await;
    let mut order_slugs = Vec::new();
    for page in 11..=40 {
        order_slugs.extend(product_slugs(
            &page_text(&client, &format!("{base}/?page={page}")).await,
        ));
    }
    let order_variants = in_stock_variants(&client, base, order_slugs.iter()).await;
    assert!(
        !slugs.is_empty() && !variants.is_empty(),
        "the store has no products to load"
    );
    let pages = (total.div_ceil(24) as u32).clamp(1, BROWSED_PAGES);
    Targets {
        pages,
        slugs,
        variants,
        order_variants,
        queries,
    }
}

async fn page_text(client: &reqwest::Client, url: &str) -> String {
    client.get(url).send().await.unwrap().text().await.unwrap()
}

/// The products a listing page links to.
fn product_slugs(html: &str) -> Vec<String> {
    between(html, "href=\"/product/", '"')
        .into_iter()
        .map(str::to_owned)
        .collect()
}

async fn in_stock_variants<'a>(
    client: &reqwest::Client,
    base: &str,
    slugs: impl Iterator<Item = &'a String>,
) -> Vec<String> {
    let mut variants = Vec::new();
    for slug in slugs {
        let html = page_text(client, &format!("{base}/product/{slug}")).await;
        if html.contains("In stock") {
            variants.extend(
                between(&html, "name=\"variant_id\" value=\"", '"')
                    .into_iter()
                    .map(str::to_owned),
            );
        }
    }
    variants
}

pub struct Outcome {
    pub kind: Kind,
    pub requests: u64,
    pub errors: u64,
    pub rejected: u64,
    pub elapsed: Duration,
    /// Sorted latencies in microseconds.
    pub latencies: Vec<u32>,
}

impl Outcome {
    pub fn per_second(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64()
    }

    /// Requests that succeeded per second: for checkouts, orders placed.
    pub fn succeeded_per_second(&self) -> f64 {
        (self.requests - self.errors - self.rejected) as f64 / self.elapsed.as_secs_f64()
    }

    pub fn percentile_ms(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return 0.0;
        }
        let index = ((self.latencies.len() as f64 - 1.0) * p).round() as usize;
        self.latencies[index] as f64 / 1000.0
    }
}

/// What one virtual user saw.
#[derive(Default)]
pub struct Tally {
    pub ok: u64,
    pub errors: u64,
    pub rejected: u64,
    pub latencies: Vec<u32>,
}

/// Sends one request after another until time is up or `next_request` has
/// nothing left to send.
pub async fn drive(
    mut next_request: impl FnMut() -> Option<reqwest::RequestBuilder>,
    until: Instant,
) -> Tally {
    let mut tally = Tally {
        latencies: Vec::with_capacity(1 << 16),
        ..Tally::default()
    };
    while Instant::now() < until {
        let Some(request) = next_request() else { break };
        let started = Instant::now();
        match request.send().await {
            Ok(response) => {
                let status = response.status();
                let _ = response.bytes().await;
                if status.is_success() || status.is_redirection() {
                    tally.ok += 1;
                } else if status.is_client_error() {
                    tally.rejected += 1;
                } else {
                    tally.errors += 1;
                }
            }
            Err(_) => tally.errors += 1,
        }
        let micros = started.elapsed().as_micros().min(u32::MAX as u128) as u32;
        tally.latencies.push(micros);
    }
    tally
}

/// A small deterministic generator, so runs draw the same targets.
pub fn picker(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    }
}

/// One browsing or basket-filling user: its own connection and cookie jar
/// (so its own session).
async fn user(kind: Kind, base: String, targets: Arc<Targets>, until: Instant, seed: u64) -> Tally {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .pool_max_idle_per_host(1)
        .build()
        .unwrap();
    let mut next = picker(seed);
    let request = move || {
        Some(match kind {
            Kind::Listing => {
                client.get(format!("{base}/?page={}", 1 + next(targets.pages as usize)))
            }
            Kind::Search => client.get(format!(
                "{base}/search?q={}",
                targets.queries[next(targets.queries.len())].replace(' ', "+")
            )),
            Kind::Product => client.get(format!(
                "{base}/product/{}",
                targets.slugs[next(targets.slugs.len())]
            )),
            Kind::AddToBasket => client
                .post(format!("{base}/api/basket/add"))
                .header("origin", &base)
                .form(&[
                    (
                        "variant_id",
                        targets.variants[next(targets.variants.len())].as_str(),
                    ),
                    ("quantity", "1"),
                ]),
            Kind::PlaceOrder => unreachable!("placing orders has its own load (checkout.rs)"),
        })
    };
    drive(request, until).await
}

pub async fn run(
    kind: Kind,
    base: &str,
    targets: &Arc<Targets>,
    connections: usize,
    duration: Duration,
) -> Outcome {
    if let Kind::PlaceOrder = kind {
        return crate::checkout::run(base, targets, connections, duration).await;
    }
    let started = Instant::now();
    let until = started + duration;
    let tasks: Vec<_> = (0..connections)
        .map(|i| {
            tokio::spawn(user(
                kind,
                base.to_owned(),
                targets.clone(),
                until,
                i as u64 + 1,
            ))
        })
        .collect();
    collect(kind, started, tasks).await
}

/// Adds up the users' tallies; the elapsed time ends with the last user.
pub async fn collect(
    kind: Kind,
    started: Instant,
    tasks: Vec<tokio::task::JoinHandle<Tally>>,
) -> Outcome {
    let mut outcome = Outcome {
        kind,
        requests: 0,
        errors: 0,
        rejected: 0,
        elapsed: Duration::ZERO,
        latencies: Vec::new(),
    };
    for task in tasks {
        let tally = task.await.unwrap();
        outcome.requests += tally.ok + tally.errors + tally.rejected;
        outcome.errors += tally.errors;
        outcome.rejected += tally.rejected;
        outcome.latencies.extend(tally.latencies);
    }
    outcome.elapsed = started.elapsed();
    outcome.latencies.sort_unstable();
    outcome
}
