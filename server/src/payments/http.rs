//! Calls to processors' APIs, recorded for the processor log. Requests are
//! logged with their body but never their credentials.

use super::provider::{Exchange, ProviderError};
use std::time::Duration;

/// A processor that takes longer than this is treated as unreachable.
pub const TIMEOUT: Duration = Duration::from_secs(20);

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(TIMEOUT)
        .build()
        .unwrap_or_default()
}

/// Sends `request` (whose body, as logged, is `logged_body`) and returns
/// the response body if the processor accepted it (2xx).
pub async fn send(
    request: reqwest::RequestBuilder,
    logged_body: String,
    exchanges: &mut Vec<Exchange>,
) -> Result<String, ProviderError> {
    let described = request
        .try_clone()
        .and_then(|r| r.build().ok())
        .map(|r| format!("{} {}", r.method(), r.url()))
        .unwrap_or_default();
    exchanges.push(Exchange {
        direction: "request",
        headers: described,
        body: logged_body,
    });
    let response = request
        .send()
        .await
        .map_err(|e| ProviderError::Unreachable(e.to_string()))?;
    let status = response.status();
    let headers = super::provider::redacted_headers(response.headers());
    let body = response
        .text()
        .await
        .map_err(|e| ProviderError::Unreachable(e.to_string()))?;
    exchanges.push(Exchange {
        direction: "response",
        headers: format!("status: {status}\n{headers}"),
        body: body.clone(),
    });
    if status.is_success() {
        Ok(body)
    } else {
        Err(ProviderError::Refused(format!("status {status}")))
    }
}

/// Reads a processor's JSON answer.
pub fn json<T: serde::de::DeserializeOwned>(body: &str) -> Result<T, ProviderError> {
    serde_json::from_str(body).map_err(|e| ProviderError::Unreadable(e.to_string()))
}
