//! The order state machine. `TRANSITIONS` is the one table of legal moves;
//! `OrderState::apply` is the only way a status changes, and guards (such
//! as "paid needs the payments to cover the total") are checked there.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrderState {
    Created,
    AwaitingPayment,
    Paid,
    Fulfilled,
    Shipped,
    Completed,
    Cancelled,
    Refunded,
    PartiallyRefunded,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Transition {
    /// Checkout finished; the order waits for its payment.
    AwaitPayment,
    Pay,
    Fulfil,
    Ship,
    Complete,
    Cancel,
    /// An unpaid order ran out of time.
    Expire,
    Refund,
    RefundPartially,
}

use OrderState::*;
use Transition::*;

/// Every legal move: (transition, from, to).
pub const TRANSITIONS: &[(Transition, &[OrderState], OrderState)] = &[
    (AwaitPayment, &[Created], AwaitingPayment),
    (Pay, &[Created, AwaitingPayment], Paid),
    (Fulfil, &[Paid], Fulfilled),
    (Ship, &[Paid], Shipped),
    (Complete, &[Fulfilled, Shipped], Completed),
    (Cancel, &[Created, AwaitingPayment], Cancelled),
    (Expire, &[AwaitingPayment], Cancelled),
    (
        Refund,
        &[Paid, Fulfilled, Shipped, Completed, PartiallyRefunded],
        Refunded,
    ),
    (
        RefundPartially,
        &[Paid, Fulfilled, Shipped, Completed, PartiallyRefunded],
        PartiallyRefunded,
    ),
];

/// What guards look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GuardFacts {
    /// Order total and recorded payments, in minor units.
    pub total_minor: i64,
    pub paid_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("an order that is {} cannot be {}", .from.label(), .transition.past_tense())]
    Illegal {
        from: OrderState,
        transition: Transition,
    },
    #[error("the payments recorded ({paid}) do not cover the total ({total})")]
    NotCovered { paid: i64, total: i64 },
}

impl OrderState {
    pub const ALL: [OrderState; 9] = [
        Created,
        AwaitingPayment,
        Paid,
        Fulfilled,
        Shipped,
        Completed,
        Cancelled,
        Refunded,
        PartiallyRefunded,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Created => "created",
            AwaitingPayment => "awaiting_payment",
            Paid => "paid",
            Fulfilled => "fulfilled",
            Shipped => "shipped",
            Completed => "completed",
            Cancelled => "cancelled",
            Refunded => "refunded",
            PartiallyRefunded => "partially_refunded",
        }
    }

    pub fn parse(code: &str) -> Option<OrderState> {
        OrderState::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the order's digital goods may be downloaded: it is paid and
    /// not wholly refunded.
    pub fn delivers_downloads(self) -> bool {
        matches!(
            self,
            Paid | Fulfilled | Shipped | Completed | PartiallyRefunded
        )
    }

    /// The code in words: "awaiting payment".
    pub fn label(self) -> String {
        self.code().replace('_', " ")
    }

    /// The state after `transition`, if it is legal from here and its guard
    /// holds.
    pub fn apply(
        self,
        transition: Transition,
        facts: GuardFacts,
    ) -> Result<OrderState, TransitionError> {
        let (_, _, to) = TRANSITIONS
            .iter()
            .find(|(t, from, _)| *t == transition && from.contains(&self))
            .ok_or(TransitionError::Illegal {
                from: self,
                transition,
            })?;
        if *to == Paid && facts.paid_minor < facts.total_minor {
            return Err(TransitionError::NotCovered {
                paid: facts.paid_minor,
                total: facts.total_minor,
            });
        }
        Ok(*to)
    }
}

impl Transition {
    pub const ALL: [Transition; 9] = [
        AwaitPayment,
        Pay,
        Fulfil,
        Ship,
        Complete,
        Cancel,
        Expire,
        Refund,
        RefundPartially,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AwaitPayment => "await_payment",
            Pay => "pay",
            Fulfil => "fulfil",
            Ship => "ship",
            Complete => "complete",
            Cancel => "cancel",
            Expire => "expire",
            Refund => "refund",
            RefundPartially => "refund_partially",
        }
    }

    fn past_tense(self) -> &'static str {
        match self {
            AwaitPayment => "put to await payment",
            Pay => "paid",
            Fulfil => "fulfilled",
            Ship => "shipped",
            Complete => "completed",
            Cancel => "cancelled",
            Expire => "expired",
            Refund => "refunded",
            RefundPartially => "partially refunded",
        }
    }
}

/// The machine described, for diagrams: states and (transition, from, to)
/// edges.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MachineDescription {
    pub states: Vec<OrderState>,
    pub edges: Vec<(Transition, OrderState, OrderState)>,
}

pub fn describe() -> MachineDescription {
    MachineDescription {
        states: OrderState::ALL.to_vec(),
        edges: TRANSITIONS
            .iter()
            .flat_map(|(t, from, to)| from.iter().map(move |f| (*t, *f, *to)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn downloads_work_from_payment_until_a_full_refund() {
        let delivering: Vec<_> = OrderState::ALL
            .into_iter()
            .filter(|s| s.delivers_downloads())
            .collect();
        assert_eq!(
            delivering,
            [Paid, Fulfilled, Shipped, Completed, PartiallyRefunded]
        );
    }

    use super::*;

    const COVERED: GuardFacts = GuardFacts {
        total_minor: 1000,
        paid_minor: 1000,
    };

    #[test]
    fn every_pair_of_state_and_transition_follows_the_table() {
        let legal = describe().edges;
        for from in OrderState::ALL {
            for transition in Transition::ALL {
                let expected = legal
                    .iter()
                    .find(|(t, f, _)| *t == transition && *f == from)
                    .map(|(_, _, to)| *to);
                match (from.apply(transition, COVERED), expected) {
                    (Ok(to), Some(want)) => assert_eq!(to, want),
                    (Err(TransitionError::Illegal { .. }), None) => {}
                    (got, want) => {
                        panic!("{from:?} --{transition:?}--> {got:?}, expected {want:?}")
                    }
                }
            }
        }
    }

    #[test]
    fn the_happy_path_and_its_ends() {
        let path = [AwaitPayment, Pay, Ship, Complete, RefundPartially, Refund];
        let end = path
            .iter()
            .try_fold(Created, |s, t| s.apply(*t, COVERED))
            .unwrap();
        assert_eq!(end, Refunded);
        assert_eq!(AwaitingPayment.apply(Expire, COVERED), Ok(Cancelled));
    }

    #[test]
    fn cancelling_is_only_possible_before_payment() {
        let err = Paid.apply(Cancel, COVERED).unwrap_err();
        assert_eq!(err.to_string(), "an order that is paid cannot be cancelled");
        assert!(Cancelled.apply(Pay, COVERED).is_err());
    }

    #[test]
    fn paying_needs_the_payments_to_cover_the_total() {
        let short = GuardFacts {
            total_minor: 1000,
            paid_minor: 999,
        };
        assert_eq!(
            AwaitingPayment.apply(Pay, short),
            Err(TransitionError::NotCovered {
                paid: 999,
                total: 1000
            })
        );
    }

    #[test]
    fn codes_round_trip() {
        for state in OrderState::ALL {
            assert_eq!(OrderState::parse(state.code()), Some(state));
        }
        assert_eq!(describe().states.len(), 9);
    }
}
