//! The jobs an order's moves cause: the emails a customer gets, and the
//! fulfilment of a paid order. The order machine enqueues them in the
//! move's own transaction (see `OrderSubscriber::follow_ups`).

use super::queue::JobQueue;
use super::task::{EmailKind, NewJob, Task};
use crate::orders::{OrderMove, OrderSubscriber};
use app::domain::order_state::Transition;

pub struct OrderFollowUps {
    pub queue: JobQueue,
}

/// The jobs a move causes; pure, so the table is easy to test.
pub fn follow_ups(change: &OrderMove, event: i64) -> Vec<NewJob> {
    let order = change.order_id;
    let at = change.at;
    match change.transition {
        Transition::AwaitPayment => vec![NewJob::email(order, EmailKind::Confirmation, None, at)],
        Transition::Pay => vec![
            NewJob::now(
                Task::Fulfil { order_id: order },
                format!("fulfil:{order}"),
                at,
            ),
            NewJob::email(order, EmailKind::PaymentReceived, None, at),
        ],
        Transition::Ship => vec![NewJob::email(order, EmailKind::Shipped, None, at)],
        Transition::Refund | Transition::RefundPartially => {
            vec![NewJob::email(order, EmailKind::Refund, Some(event), at)]
        }
        Transition::Fulfil | Transition::Complete | Transition::Cancel | Transition::Expire => {
            Vec::new()
        }
    }
}

impl OrderSubscriber for OrderFollowUps {
    fn follow_ups(&self, change: &OrderMove, event: i64) -> Vec<NewJob> {
        follow_ups(change, event)
    }

    /// The jobs are committed: this process's worker may start on them.
    fn after(&self, _change: &OrderMove) {
        self.queue.wake();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::order_state::OrderState;

    fn moved(transition: Transition, from: OrderState, to: OrderState) -> OrderMove {
        OrderMove {
            order_id: 9,
            transition,
            from,
            to,
            actor: "system".into(),
            reason: String::new(),
            at: 100,
        }
    }

    fn keys(change: &OrderMove, event: i64) -> Vec<String> {
        follow_ups(change, event)
            .into_iter()
            .map(|j| j.dedupe_key)
            .collect()
    }

    #[test]
    fn placing_sends_the_confirmation() {
        let change = moved(
            Transition::AwaitPayment,
            OrderState::Created,
            OrderState::AwaitingPayment,
        );
        assert_eq!(keys(&change, 1), ["email:confirmation:9"]);
    }

    #[test]
    fn paying_starts_fulfilment_and_says_thanks() {
        let change = moved(
            Transition::Pay,
            OrderState::AwaitingPayment,
            OrderState::Paid,
        );
        assert_eq!(keys(&change, 2), ["fulfil:9", "email:payment_received:9"]);
    }

    #[test]
    fn every_refund_is_its_own_email() {
        let partial = moved(
            Transition::RefundPartially,
            OrderState::Paid,
            OrderState::PartiallyRefunded,
        );
        let full = moved(
            Transition::Refund,
            OrderState::PartiallyRefunded,
            OrderState::Refunded,
        );
        assert_eq!(keys(&partial, 5), ["email:refund:9:5"]);
        assert_eq!(keys(&full, 6), ["email:refund:9:6"]);
    }

    #[test]
    fn shipping_tells_the_customer_and_cancelling_does_nothing() {
        let ship = moved(Transition::Ship, OrderState::Paid, OrderState::Shipped);
        assert_eq!(keys(&ship, 3), ["email:shipped:9"]);
        let cancel = moved(
            Transition::Cancel,
            OrderState::AwaitingPayment,
            OrderState::Cancelled,
        );
        assert!(keys(&cancel, 4).is_empty());
    }
}
