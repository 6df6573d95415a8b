//! An order's email: gathers what it says from the order, renders it in
//! the order's language and sends it. A job runs this; sending again after
//! a crash repeats the same Message-ID, so mail systems can tell.

use super::templates::{DownloadFact, Facts, render};
use super::transport::Transport;
use crate::db::Db;
use crate::jobs::{EmailKind, JobError};
use crate::payments::PublicBase;
use crate::vals;
use app::domain::dates::format_utc;
use app::domain::{Currency, Locale, Money};
use app::orders::types::{OrderSnapshot, token_url};
use lettre::Message;
use lettre::message::{Mailbox, MultiPart};

#[derive(Clone, Debug)]
pub struct Mailer {
    pub db: Db,
    pub transport: Transport,
    /// The sender when the settings name none (or one that does not parse).
    pub from: Mailbox,
    pub settings: crate::settings::LiveSettings,
    pub public: PublicBase,
}

#[derive(sqlx::FromRow)]
struct OrderRow {
    number: String,
    access_token: String,
    email: String,
    snapshot: String,
    currency: String,
    refunded_minor: i64,
    tracking_number: Option<String>,
}

impl Mailer {
    pub async fn send_order_email(
        &self,
        order_id: i64,
        kind: EmailKind,
        cause: Option<i64>,
    ) -> Result<(), JobError> {
        let order: OrderRow = self
            .db
            .rows(
                "SELECT number, access_token, email, snapshot, currency, refunded_minor, tracking_number \
                 FROM orders WHERE id = $1",
                vals![order_id],
            )
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| JobError::Permanent(format!("order {order_id} does not exist")))?;
        let snapshot: OrderSnapshot = serde_json::from_str(&order.snapshot)
            .map_err(|e| JobError::Permanent(format!("order {order_id} snapshot: {e}")))?;
        let base = self.public.get();
        let currency = Currency::parse(&order.currency)
            .map_err(|e| JobError::Permanent(format!("order {order_id}: {e}")))?;
        let downloads = if kind == EmailKind::DownloadsReady {
            crate::downloads::links::for_order(&self.db, order_id, crate::startup::now())
                .await?
                .into_iter()
                .map(|d| DownloadFact {
                    name: d.name,
                    url: format!("{base}{}", d.url),
                    attempts: d.remaining,
                    until: format_utc(d.expires_at),
                })
                .collect()
        } else {
            Vec::new()
        };
        let facts = Facts {
            number: order.number.clone(),
            order_url: format!("{base}{}", token_url(&order.access_token)),
            lines: snapshot
                .summary
                .lines
                .iter()
                .map(|l| format!("{} × {}", l.quantity, l.full_name()))
                .collect(),
            total: snapshot.summary.grand_total.to_string(),
            tracking_number: order.tracking_number.clone(),
            downloads,
            refunded: Money::from_minor(order.refunded_minor, currency).to_string(),
        };
        let locale = Locale::parse(&snapshot.locale).unwrap_or_default();
        let mail = render(kind, locale, &facts);
        let to: Mailbox = order.email.parse().map_err(|e| {
            JobError::Permanent(format!(
                "order {} has no usable email address: {e}",
                order.number
            ))
        })?;
        // Refunds happen more than once; the event that caused each tells
        // them apart, so a repeat of one send keeps its Message-ID.
        let name = match cause {
            Some(cause) => format!("{}-{}-{cause}", order.number, kind.code()),
            None => format!("{}-{}", order.number, kind.code()),
        };
        let from = self
            .settings
            .get()
            .mail_from
            .parse::<Mailbox>()
            .unwrap_or_else(|_| self.from.clone());
        // The configured sender's domain, not the edited one, so a retry
        // after a settings change keeps the Message-ID.
        let host = self.from.email.domain().to_owned();
        let message = Message::builder()
            .from(from)
            .to(to)
            .subject(mail.subject)
            .message_id(Some(format!("<{name}@{host}>")))
            .multipart(MultiPart::alternative_plain_html(mail.text, mail.html))
            .map_err(|e| JobError::Permanent(format!("the email cannot be built: {e}")))?;
        self.transport
            .send(message, &name)
            .await
            .map_err(|e| JobError::Transient(e.to_string()))
    }
}
