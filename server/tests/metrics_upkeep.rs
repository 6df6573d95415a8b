//! Request timings must not pile up in memory between scrapes: the
//! Prometheus recorder holds every histogram sample until upkeep folds it
//! into its buckets. A binary of its own, because it counts every byte the
//! process holds.

use metrics_exporter_prometheus::PrometheusBuilder;
use server::http::metrics::keep_up;
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
fn record(recorder: &metrics_exporter_prometheus::PrometheusRecorder, n: usize) {
    metrics::with_local_recorder(recorder, || {
        let timing = metrics::histogram!("http_request_duration_seconds", "route" => "/p/{slug}");
        for i in 0..n {
            timing.record((i % 100) as f64 / 1000.0);
        }
    });
}

#[test]
fn timings_are_folded_into_buckets_between_scrapes() {
    const ROUNDS: usize = 20;
    const PER_ROUND: usize = 50_000;
    // Without upkeep the samples alone would hold 8 bytes each.
    const UNFOLDED: isize = (ROUNDS * PER_ROUND * 8) as isize;

    let recorder = PrometheusBuilder::new()
        .set_buckets(&[0.001, 0.01, 0.1, 1.0])
        .unwrap()
        .build_recorder();
    keep_up(recorder.handle(), Duration::from_millis(20)).unwrap();
    record(&recorder, 1);
    let before = HELD.load(Ordering::Relaxed);
    for _ in 0..ROUNDS {
        record(&recorder, PER_ROUND);
        std::thread::sleep(Duration::from_millis(60));
    }
    let grown = HELD.load(Ordering::Relaxed) - before;
    assert!(
        grown < UNFOLDED / 4,
        "{grown} bytes still held after {} timings (unfolded they take {UNFOLDED})",
        ROUNDS * PER_ROUND
    );

    // Every timing is still counted.
    let text = recorder.handle().render();
    let count = text
        .lines()
        .find(|l| l.starts_with("http_request_duration_seconds_count"))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|n| n.parse::<usize>().ok());
    assert_eq!(count, Some(ROUNDS * PER_ROUND + 1));
}
