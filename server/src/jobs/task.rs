//! What a job does. Each job row holds one `Task` as JSON; its kind is
//! also a column, so merchants and queries can filter by it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "task", rename_all = "snake_case")]
pub enum Task {
    /// Deliver a paid order: download links, hand-off, and `fulfilled`
    /// when nothing needs shipping.
    Fulfil { order_id: i64 },
    /// Tell the customer about their order. `cause` tells apart emails
    /// of a kind an order sends more than once (the event of each refund).
    Email {
        order_id: i64,
        message: EmailKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cause: Option<i64>,
    },
    /// Send the order's partner-made lines to the external fulfilment partner.
    Handoff { order_id: i64 },
    /// Cancel orders left unpaid too long, releasing their stock.
    ExpireUnpaid,
    /// Release basket reservations that lapsed.
    SweepReservations,
}

/// The emails an order sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmailKind {
    Confirmation,
    PaymentReceived,
    Shipped,
    DownloadsReady,
    Refund,
}

impl EmailKind {
    pub const ALL: [EmailKind; 5] = [
        EmailKind::Confirmation,
        EmailKind::PaymentReceived,
        EmailKind::Shipped,
        EmailKind::DownloadsReady,
        EmailKind::Refund,
    ];

    pub fn parse(code: &str) -> Option<EmailKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// How the admin names it.
    pub fn label(self) -> &'static str {
        match self {
            EmailKind::Confirmation => "order confirmation",
            EmailKind::PaymentReceived => "payment received",
            EmailKind::Shipped => "shipping",
            EmailKind::DownloadsReady => "downloads",
            EmailKind::Refund => "refund",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            EmailKind::Confirmation => "confirmation",
            EmailKind::PaymentReceived => "payment_received",
            EmailKind::Shipped => "shipped",
            EmailKind::DownloadsReady => "downloads_ready",
            EmailKind::Refund => "refund",
        }
    }
}

impl Task {
    pub fn kind(&self) -> &'static str {
        match self {
            Task::Fulfil { .. } => "fulfil",
            Task::Email { .. } => "email",
            Task::Handoff { .. } => "handoff",
            Task::ExpireUnpaid => "expire_unpaid",
            Task::SweepReservations => "sweep_reservations",
        }
    }

    pub fn order_id(&self) -> Option<i64> {
        match self {
            Task::Fulfil { order_id }
            | Task::Email { order_id, .. }
            | Task::Handoff { order_id } => Some(*order_id),
            Task::ExpireUnpaid | Task::SweepReservations => None,
        }
    }
}

/// A job to enqueue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJob {
    pub task: Task,
    /// Names the job's cause; enqueueing the same key twice adds one job.
    pub dedupe_key: String,
    pub run_at: i64,
    pub max_attempts: i64,
}

/// How often a job is tried before it is dead, unless it says otherwise.
pub const DEFAULT_ATTEMPTS: i64 = 8;

impl NewJob {
    /// A job that may run at once.
    pub fn now(task: Task, dedupe_key: String, now: i64) -> Self {
        NewJob {
            task,
            dedupe_key,
            run_at: now,
            max_attempts: DEFAULT_ATTEMPTS,
        }
    }

    /// An email about an order; one per order and kind unless `cause`
    /// tells them apart (e.g. each refund).
    pub fn email(order_id: i64, message: EmailKind, cause: Option<i64>, now: i64) -> Self {
        let key = match cause {
            Some(cause) => format!("email:{}:{order_id}:{cause}", message.code()),
            None => format!("email:{}:{order_id}", message.code()),
        };
        NewJob::now(
            Task::Email {
                order_id,
                message,
                cause,
            },
            key,
            now,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tasks_round_trip_through_json() {
        for task in [
            Task::Fulfil { order_id: 7 },
            Task::Email {
                order_id: 7,
                message: EmailKind::DownloadsReady,
                cause: None,
            },
            Task::Email {
                order_id: 7,
                message: EmailKind::Refund,
                cause: Some(41),
            },
            Task::Handoff { order_id: 7 },
            Task::ExpireUnpaid,
            Task::SweepReservations,
        ] {
            let json = serde_json::to_string(&task).unwrap();
            assert_eq!(serde_json::from_str::<Task>(&json).unwrap(), task);
        }
    }

    #[test]
    fn email_keys_name_order_kind_and_cause() {
        assert_eq!(
            NewJob::email(3, EmailKind::Confirmation, None, 0).dedupe_key,
            "email:confirmation:3"
        );
        assert_eq!(
            NewJob::email(3, EmailKind::Refund, Some(41), 0).dedupe_key,
            "email:refund:3:41"
        );
    }
}
