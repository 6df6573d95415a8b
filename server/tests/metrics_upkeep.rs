//! Request timings must not pile up in memory between scrapes: the
//! Prometheus recorder holds every histogram sample until upkeep folds it
//! into its buckets. A binary of its own, because it counts every byte the
//! process holds.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Duration;

struct Counting;

static HELD: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; the
// counter only observes sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        HELD.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        HELD.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Records `n` request timings, as the tracking layer does.
fn record(n: usize) {
    let timing = metrics::histogram!("http_request_duration_seconds", "route" => "/p/{slug}");
    for i in 0..n {
        timing.record((i % 100) as f64 / 1000.0);
    }
}

#[test]
fn timings_are_folded_into_buckets_between_scrapes() {
    const ROUNDS: usize = 40;
    const PER_ROUND: usize = 25_000;
    // Unfolded, each sample takes at least 8 bytes (16 as measured).
    const UNFOLDED: isize = (ROUNDS * PER_ROUND * 8) as isize;

    // The server's own recorder, as it starts; nothing ever scrapes it.
    server::http::metrics::install();
    record(1);
    let before = HELD.load(Ordering::Relaxed);
    // Steady traffic for four seconds; upkeep runs every second, and the
    // blocks it empties are freed as later recording moves on.
    for _ in 0..ROUNDS {
        record(PER_ROUND);
        std::thread::sleep(Duration::from_millis(100));
    }
    let grown = HELD.load(Ordering::Relaxed) - before;
    assert!(
        grown < UNFOLDED,
        "{grown} bytes still held after {} timings (unfolded they take twice {UNFOLDED})",
        ROUNDS * PER_ROUND
    );
    // Folded, not dropped: every timing is still counted.
    let text = server::http::metrics::render().expect("the recorder is installed");
    let count = format!(
        "http_request_duration_seconds_count{{route=\"/p/{{slug}}\"}} {}",
        ROUNDS * PER_ROUND + 1
    );
    assert!(text.contains(&count), "{count} missing from:\n{text}");
}
