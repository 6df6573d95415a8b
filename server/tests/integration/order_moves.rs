//! Orders move only through the state machine: legal moves are recorded
//! as events, illegal ones are refused, and racing moves happen once.

use app::domain::order_state::{OrderState, Transition};
use server::orders::{OrderError, OrderMachine, OrderMove, OrderSubscriber};
use std::sync::{Arc, Mutex};

#[derive(Default)]
struct Recorder(Mutex<Vec<String>>);

impl OrderSubscriber for Recorder {
    fn before(&self, change: &OrderMove) {
        self.0
            .lock()
            .unwrap()
            .push(format!("before {}", change.to.code()));
    }
    fn after(&self, change: &OrderMove) {
        self.0
            .lock()
            .unwrap()
            .push(format!("after {}", change.to.code()));
    }
}

/// An order as checkout will leave it; placing orders comes with checkout.
/// Made now, so the store's sweep does not expire it while a test moves it.
async fn order(store: &crate::support::TestStore, number: &str, total: i64, paid: i64) -> i64 {
    let now = server::basket::now();
    store
        .execute(&format!(
            "INSERT INTO orders (number, access_token, status, currency, total_minor, paid_minor, snapshot, created_at, updated_at) \
             VALUES ('{number}', 'token-{number}', 'created', 'USD', {total}, {paid}, '{{}}', {now}, {now})"
        ))
        .await;
    store
        .number(&format!("SELECT id FROM orders WHERE number = '{number}'"))
        .await
}

both_backends!(legal_moves_are_recorded_and_announced, |store| {
    let recorder = Arc::new(Recorder::default());
    let mut machine = OrderMachine::default();
    machine.subscribe(recorder.clone());
    let id = order(&store, "2026-00001", 1000, 1000).await;
    for (transition, expected) in [
        (Transition::AwaitPayment, OrderState::AwaitingPayment),
        (Transition::Pay, OrderState::Paid),
        (Transition::Ship, OrderState::Shipped),
        (Transition::Complete, OrderState::Completed),
    ] {
        let to = machine
            .apply(store.db(), id, transition, "system", "test", 5)
            .await
            .unwrap();
        assert_eq!(to, expected);
    }
    assert_eq!(
        store
            .number(&format!(
                "SELECT COUNT(*) FROM order_events WHERE order_id = {id}"
            ))
            .await,
        4
    );
    assert_eq!(
        recorder.0.lock().unwrap()[..4],
        [
            "before awaiting_payment",
            "after awaiting_payment",
            "before paid",
            "after paid"
        ]
    );
});

both_backends!(
    illegal_and_unguarded_moves_are_refused_and_change_nothing,
    |store| {
        let machine = OrderMachine::default();
        let id = order(&store, "2026-00002", 1000, 400).await;
        let short = machine
            .apply(store.db(), id, Transition::Pay, "system", "", 5)
            .await
            .unwrap_err();
        assert!(
            short.to_string().contains("do not cover the total"),
            "{short}"
        );
        machine
            .apply(
                store.db(),
                id,
                Transition::Cancel,
                "shopper",
                "changed my mind",
                6,
            )
            .await
            .unwrap();
        let illegal = machine
            .apply(store.db(), id, Transition::Ship, "system", "", 7)
            .await
            .unwrap_err();
        assert_eq!(
            illegal.to_string(),
            "an order that is cancelled cannot be shipped"
        );
        assert!(matches!(
            machine
                .apply(store.db(), 999_999, Transition::Pay, "system", "", 8)
                .await,
            Err(OrderError::NotFound)
        ));
        assert_eq!(
            store
                .number(&format!(
                    "SELECT COUNT(*) FROM order_events WHERE order_id = {id}"
                ))
                .await,
            1
        );
    }
);

both_backends!(racing_moves_from_one_state_happen_once, |store| {
    let id = order(&store, "2026-00003", 1000, 1000).await;
    let machine = Arc::new(OrderMachine::default());
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let (db, machine) = (store.db().clone(), machine.clone());
            tokio::spawn(async move {
                machine
                    .apply(&db, id, Transition::Pay, "provider:testpay", "", 9)
                    .await
            })
        })
        .collect();
    let mut paid = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(OrderState::Paid) => paid += 1,
            Ok(other) => panic!("unexpected {other:?}"),
            Err(OrderError::Rejected(_) | OrderError::Raced) => {}
            Err(other) => panic!("unexpected error {other}"),
        }
    }
    assert_eq!(paid, 1);
    assert_eq!(
        store
            .number(&format!(
                "SELECT COUNT(*) FROM order_events WHERE order_id = {id} AND to_status = 'paid'"
            ))
            .await,
        1
    );
});
