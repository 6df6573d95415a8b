//! Order numbers under concurrency: unique, gap-free and increasing in
//! commit order within a year, restarting each year.

use server::orders::next_order_number;

both_backends!(
    concurrent_checkouts_get_unique_increasing_numbers,
    |store| {
        let tasks: Vec<_> = (0..100)
            .map(|_| {
                let db = store.db().clone();
                tokio::spawn(async move {
                    let mut tx = db.begin().await.unwrap();
                    let number = next_order_number(&mut tx, 2026).await.unwrap();
                    tx.commit().await.unwrap();
                    number
                })
            })
            .collect();
        let mut numbers = Vec::new();
        for task in tasks {
            numbers.push(task.await.unwrap());
        }
        numbers.sort();
        let sequences: Vec<u32> = numbers.iter().map(|n| n.sequence).collect();
        assert_eq!(sequences, (1..=100).collect::<Vec<_>>());
        assert_eq!(numbers[0].to_string(), "2026-00001");

        // A new year starts again at 1; a rolled-back checkout gives its number back.
        let mut tx = store.db().begin().await.unwrap();
        assert_eq!(
            next_order_number(&mut tx, 2027).await.unwrap().to_string(),
            "2027-00001"
        );
        drop(tx);
        let mut tx = store.db().begin().await.unwrap();
        assert_eq!(next_order_number(&mut tx, 2027).await.unwrap().sequence, 1);
        assert_eq!(
            next_order_number(&mut tx, 2026).await.unwrap().sequence,
            101
        );
        tx.commit().await.unwrap();
    }
);
