//! How emails leave the store: over SMTP, or, for a store nobody
//! configured yet, as `.eml` files in an outbox folder.

use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum EmailError {
    #[error("the SMTP settings are invalid: {0}")]
    Settings(String),
    #[error("the mail server did not take the message: {0}")]
    Smtp(String),
    #[error("the outbox cannot be written: {0}")]
    Outbox(#[from] std::io::Error),
}

#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Outbox(PathBuf),
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Transport::Smtp(_) => f.write_str("Transport::Smtp"),
            Transport::Outbox(dir) => write!(f, "Transport::Outbox({})", dir.display()),
        }
    }
}

impl Transport {
    /// `smtp://[user:password@]host[:port][?tls=required|opportunistic]`
    /// or `smtps://…`; without a URL, the outbox folder.
    pub fn new(smtp_url: Option<&str>, outbox: PathBuf) -> Result<Self, EmailError> {
        match smtp_url.filter(|u| !u.trim().is_empty()) {
            Some(url) => Ok(Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| EmailError::Settings(e.to_string()))?
                    .timeout(Some(std::time::Duration::from_secs(30)))
                    .build(),
            )),
            None => Ok(Transport::Outbox(outbox)),
        }
    }

    /// Sends the message. `name` names it in the outbox; the same name
    /// overwrites, so sending one message again leaves one file.
    pub async fn send(&self, message: Message, name: &str) -> Result<(), EmailError> {
        match self {
            Transport::Smtp(smtp) => smtp
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| EmailError::Smtp(e.to_string())),
            Transport::Outbox(dir) => {
                tokio::fs::create_dir_all(dir).await?;
                let path = dir.join(format!("{name}.eml"));
                let partial = dir.join(format!("{name}.eml.partial"));
                tokio::fs::write(&partial, message.formatted()).await?;
                tokio::fs::rename(&partial, &path).await?;
                Ok(())
            }
        }
    }
}
