use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug)]
pub enum Kind {
    Listing,
    Search,
    Product,
    AddToBasket,
    /// Add one item, place the order (timed), start a new basket.
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
        let html = client
            .get(format!("{base}/?page={page}"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        slugs.extend(
            between(&html, "href=\"/product/", '"')
                .into_iter()
                .map(str::to_owned),
        );
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
    let mut variants = Vec::new();
    for slug in slugs.iter().take(100) {
        let html = client
            .get(format!("{base}/product/{slug}"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if html.contains("In stock") {
            variants.extend(
                between(&html, "name=\"variant_id\" value=\"", '"')
                    .into_iter()
                    .map(str::to_owned),
            );
        }
    }
    assert!(
        !slugs.is_empty() && !variants.is_empty(),
        "the store has no products to load"
    );
    let pages = (total.div_ceil(24) as u32).clamp(1, BROWSED_PAGES);
    Targets {
        pages,
        slugs,
        variants,
        queries,
    }
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

/// One virtual user: its own connection and cookie jar (so its own session).
async fn user(
    kind: Kind,
    base: String,
    targets: std::sync::Arc<Targets>,
    until: Instant,
    seed: u64,
) -> (u64, u64, u64, Vec<u32>) {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .pool_max_idle_per_host(1)
        .build()
        .unwrap();
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let (mut ok, mut errors, mut rejected) = (0u64, 0u64, 0u64);
    let mut latencies = Vec::with_capacity(1 << 16);
    let checkout = [
        ("email", "bench@example.com"),
        ("shipping_name", "Bench Shopper"),
        ("shipping_line1", "Heidestraße 17"),
        ("shipping_city", "Köln"),
        ("shipping_postcode", "51147"),
        ("shipping_country", "DE"),
        ("billing_same", "on"),
        ("shipping_method", "standard"),
        ("payment_method", "invoice"),
        ("intent", "place"),
    ];
    let api = |path: &str| {
        client
            .post(format!("{base}/api/{path}"))
            .header("origin", &base)
            .header("accept", "application/json")
    };
    while Instant::now() < until {
        if let Kind::PlaceOrder = kind {
            // Untimed set-up: a fresh basket holding one item.
            let variant = targets.variants[next(targets.variants.len())].clone();
            let _ = api("basket/new").send().await.map(|r| r.bytes());
            match api("basket/add")
                .form(&[("variant_id", variant.as_str()), ("quantity", "1")])
                .send()
                .await
            {
                Ok(r) if r.status().is_success() => {
                    let _ = r.bytes().await;
                }
                _ => {
                    rejected += 1;
                    continue;
                }
            }
        }
        let started = Instant::now();
        let request = match kind {
            Kind::PlaceOrder => api("checkout/submit").form(&checkout),
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
        };
        match request.send().await {
            Ok(response) => {
                let status = response.status();
                let _ = response.bytes().await;
                if status.is_success() || status.is_redirection() {
                    ok += 1;
                } else if status.is_client_error() {
                    rejected += 1;
                } else {
                    errors += 1;
                }
            }
            Err(_) => errors += 1,
        }
        latencies.push(started.elapsed().as_micros().min(u32::MAX as u128) as u32);
    }
    (ok, errors, rejected, latencies)
}

pub async fn run(
    kind: Kind,
    base: &str,
    targets: &Targets,
    connections: usize,
    duration: Duration,
) -> Outcome {
    let targets = std::sync::Arc::new(Targets {
        pages: targets.pages,
        slugs: targets.slugs.clone(),
        variants: targets.variants.clone(),
        queries: targets.queries.clone(),
    });
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
    let mut outcome = Outcome {
        kind,
        requests: 0,
        errors: 0,
        rejected: 0,
        elapsed: Duration::ZERO,
        latencies: Vec::new(),
    };
    for task in tasks {
        let (ok, errors, rejected, latencies) = task.await.unwrap();
        outcome.requests += ok + errors + rejected;
        outcome.errors += errors;
        outcome.rejected += rejected;
        outcome.latencies.extend(latencies);
    }
    outcome.elapsed = started.elapsed();
    outcome.latencies.sort_unstable();
    outcome
}
