//! Payment attempts and the events processors report about them. An attempt
//! only ever moves forward: a late "pending" cannot undo "captured", and a
//! duplicate changes nothing. Processing notifications relies on this rule.

use serde::{Deserialize, Serialize};

/// What a processor says happened, normalised across providers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PaymentEventKind {
    Pending,
    Authorised,
    Captured,
    Failed,
    Cancelled,
    Refunded,
}

/// Where one attempt to pay an order stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AttemptStatus {
    /// Created; the shopper was sent to the processor.
    Started,
    /// The processor has it but has not decided (e.g. a bitcoin payment
    /// waiting for confirmations).
    Pending,
    Authorised,
    Captured,
    Failed,
    Cancelled,
    /// Captured money was refunded, in part or in full.
    Refunded,
}

impl PaymentEventKind {
    pub const ALL: [PaymentEventKind; 6] = [
        PaymentEventKind::Pending,
        PaymentEventKind::Authorised,
        PaymentEventKind::Captured,
        PaymentEventKind::Failed,
        PaymentEventKind::Cancelled,
        PaymentEventKind::Refunded,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PaymentEventKind::Pending => "pending",
            PaymentEventKind::Authorised => "authorised",
            PaymentEventKind::Captured => "captured",
            PaymentEventKind::Failed => "failed",
            PaymentEventKind::Cancelled => "cancelled",
            PaymentEventKind::Refunded => "refunded",
        }
    }

    pub fn parse(code: &str) -> Option<PaymentEventKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

impl AttemptStatus {
    pub const ALL: [AttemptStatus; 7] = [
        AttemptStatus::Started,
        AttemptStatus::Pending,
        AttemptStatus::Authorised,
        AttemptStatus::Captured,
        AttemptStatus::Failed,
        AttemptStatus::Cancelled,
        AttemptStatus::Refunded,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AttemptStatus::Started => "started",
            AttemptStatus::Pending => "pending",
            AttemptStatus::Authorised => "authorised",
            AttemptStatus::Captured => "captured",
            AttemptStatus::Failed => "failed",
            AttemptStatus::Cancelled => "cancelled",
            AttemptStatus::Refunded => "refunded",
        }
    }

    pub fn parse(code: &str) -> Option<AttemptStatus> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// How far along an attempt is; events never move it back.
    fn rank(self) -> u8 {
        match self {
            AttemptStatus::Started => 0,
            AttemptStatus::Pending => 1,
            AttemptStatus::Authorised => 2,
            // Final outcomes of an attempt that was never captured.
            AttemptStatus::Failed | AttemptStatus::Cancelled => 3,
            AttemptStatus::Captured => 4,
            AttemptStatus::Refunded => 5,
        }
    }

    /// Whether the attempt has ended: no further money moves on it except
    /// refunds of a capture.
    pub fn is_final(self) -> bool {
        self.rank() >= 3
    }

    /// The status after `event`, or `None` if the event is stale (the
    /// attempt is already as far or further) or impossible (a refund of
    /// nothing, a failure after capture).
    pub fn after(self, event: PaymentEventKind) -> Option<AttemptStatus> {
        let next = match event {
            PaymentEventKind::Pending => AttemptStatus::Pending,
            PaymentEventKind::Authorised => AttemptStatus::Authorised,
            PaymentEventKind::Captured => AttemptStatus::Captured,
            PaymentEventKind::Failed => AttemptStatus::Failed,
            PaymentEventKind::Cancelled => AttemptStatus::Cancelled,
            PaymentEventKind::Refunded => AttemptStatus::Refunded,
        };
        let allowed = match next {
            // Refunds apply to captured money only, and may come several
            // times (partial refunds), each with its own reference.
            AttemptStatus::Refunded => {
                matches!(self, AttemptStatus::Captured | AttemptStatus::Refunded)
            }
            // A failure or cancellation ends an attempt that has not
            // ended; it never undoes a capture.
            AttemptStatus::Failed | AttemptStatus::Cancelled => !self.is_final(),
            _ => next.rank() > self.rank(),
        };
        allowed.then_some(next)
    }

    /// What the shopper is told about the attempt.
    pub fn shopper_message(self) -> &'static str {
        match self {
            AttemptStatus::Started | AttemptStatus::Pending | AttemptStatus::Authorised => {
                "Payment processing… This page updates when the payment is confirmed."
            }
            AttemptStatus::Captured => "Payment received. Thank you!",
            AttemptStatus::Failed => "Your payment was declined. Nothing was charged.",
            AttemptStatus::Cancelled => "The payment was cancelled. Nothing was charged.",
            AttemptStatus::Refunded => "This payment was refunded.",
        }
    }
}

/// What an attempt expects of an event about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptMoney<'a> {
    pub amount_minor: i64,
    pub currency: &'a str,
    pub captured_minor: i64,
    pub refunded_minor: i64,
}

impl AttemptMoney<'_> {
    /// Whether an event's amount and currency belong to this attempt: a
    /// payment event must match the attempt's amount exactly, a refund must
    /// fit in what is captured and not yet refunded, and a failure or
    /// cancellation moves no money (processors often send no amount).
    pub fn accepts(&self, kind: PaymentEventKind, amount_minor: i64, currency: &str) -> bool {
        match kind {
            PaymentEventKind::Failed | PaymentEventKind::Cancelled => true,
            PaymentEventKind::Refunded => {
                amount_minor > 0
                    && amount_minor <= self.captured_minor - self.refunded_minor
                    && currency == self.currency
            }
            _ => amount_minor == self.amount_minor && currency == self.currency,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::AttemptStatus::*;
    use super::PaymentEventKind as E;
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in AttemptStatus::ALL {
            assert_eq!(AttemptStatus::parse(s.code()), Some(s));
        }
        for k in PaymentEventKind::ALL {
            assert_eq!(PaymentEventKind::parse(k.code()), Some(k));
        }
        assert_eq!(PaymentEventKind::parse("paid"), None);
    }

    #[test]
    fn an_attempt_moves_forward_to_capture() {
        assert_eq!(Started.after(E::Pending), Some(Pending));
        assert_eq!(Pending.after(E::Authorised), Some(Authorised));
        assert_eq!(Authorised.after(E::Captured), Some(Captured));
        assert_eq!(Started.after(E::Captured), Some(Captured));
    }

    #[test]
    fn late_or_repeated_events_change_nothing() {
        assert_eq!(
            Captured.after(E::Pending),
            None,
            "an old pending after capture"
        );
        assert_eq!(Captured.after(E::Authorised), None);
        assert_eq!(Captured.after(E::Captured), None, "a duplicate capture");
        assert_eq!(Pending.after(E::Pending), None);
    }

    #[test]
    fn failures_end_open_attempts_but_never_undo_a_capture() {
        assert_eq!(Started.after(E::Failed), Some(Failed));
        assert_eq!(Pending.after(E::Cancelled), Some(Cancelled));
        assert_eq!(Captured.after(E::Failed), None);
        assert_eq!(Failed.after(E::Cancelled), None);
        assert_eq!(
            Failed.after(E::Captured),
            Some(Captured),
            "a late capture still counts"
        );
    }

    #[test]
    fn only_captured_money_is_refunded() {
        assert_eq!(Captured.after(E::Refunded), Some(Refunded));
        assert_eq!(
            Refunded.after(E::Refunded),
            Some(Refunded),
            "a second partial refund"
        );
        assert_eq!(Pending.after(E::Refunded), None);
        assert_eq!(Failed.after(E::Refunded), None);
    }

    #[test]
    fn the_shopper_always_gets_a_message() {
        for s in AttemptStatus::ALL {
            assert!(!s.shopper_message().is_empty());
        }
    }

    const ATTEMPT: AttemptMoney<'static> = AttemptMoney {
        amount_minor: 1_000,
        currency: "EUR",
        captured_minor: 1_000,
        refunded_minor: 300,
    };

    #[test]
    fn payment_events_must_match_the_attempt_exactly() {
        use PaymentEventKind::*;
        for kind in [Pending, Authorised, Captured] {
            assert!(ATTEMPT.accepts(kind, 1_000, "EUR"));
            assert!(!ATTEMPT.accepts(kind, 999, "EUR"), "a short amount");
            assert!(!ATTEMPT.accepts(kind, 1_001, "EUR"), "a larger amount");
            assert!(!ATTEMPT.accepts(kind, 1_000, "USD"), "another currency");
        }
    }

    #[test]
    fn refunds_fit_in_what_is_left() {
        use PaymentEventKind::Refunded;
        assert!(ATTEMPT.accepts(Refunded, 700, "EUR"));
        assert!(!ATTEMPT.accepts(Refunded, 701, "EUR"));
        assert!(!ATTEMPT.accepts(Refunded, 0, "EUR"));
        assert!(!ATTEMPT.accepts(Refunded, -5, "EUR"));
        assert!(!ATTEMPT.accepts(Refunded, 100, "GBP"));
    }

    #[test]
    fn failures_carry_no_money_to_check() {
        assert!(ATTEMPT.accepts(PaymentEventKind::Failed, 0, ""));
        assert!(ATTEMPT.accepts(PaymentEventKind::Cancelled, 0, ""));
    }
}
