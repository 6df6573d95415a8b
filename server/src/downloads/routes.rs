//! `/download/{token}`: the masked address of a download. Each request
//! counts one attempt and is sent on to a URL of the file that works for a
//! few minutes; a link that may not be used gets a page saying why, never
//! the file.

use super::links::{Redeemed, redeem};
use super::storage::FileStore;
use crate::db::Db;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct Downloads {
    pub db: Db,
    pub files: FileStore,
    /// How long the URL a download is sent on to works.
    pub url_ttl: Duration,
}

pub fn routes(downloads: Downloads) -> Router {
    Router::new()
        .route("/download/{token}", axum::routing::get(download))
        .with_state(downloads)
}

async fn download(State(downloads): State<Downloads>, Path(token): Path<String>) -> Response {
    let now = crate::startup::now();
    match redeem(&downloads.db, &token, now).await {
        Ok(Redeemed::File { key, filename }) => {
            let url = downloads
                .files
                .signed_url(&key, &filename, downloads.url_ttl, now);
            (
                StatusCode::FOUND,
                [
                    (header::LOCATION, url),
                    (header::CACHE_CONTROL, "no-store".to_owned()),
                    (header::REFERRER_POLICY, "no-referrer".to_owned()),
                ],
            )
                .into_response()
        }
        Ok(Redeemed::Refused(why)) => page(StatusCode::GONE, why.message()),
        Ok(Redeemed::Unknown) => page(StatusCode::NOT_FOUND, "There is no such download link."),
        Err(err) => {
            tracing::error!(%err, "a download could not be looked up");
            page(
                StatusCode::SERVICE_UNAVAILABLE,
                "Downloads are unavailable just now. Please try again in a moment.",
            )
        }
    }
}

fn page(status: StatusCode, message: &str) -> Response {
    crate::html::page(
        status,
        "Download unavailable",
        message,
        "<p>If you think this is a mistake, reply to your order email and we will help.</p>\
         <p><a href=\"/account/orders\">Your orders</a> · <a href=\"/\">Back to the shop</a></p>",
    )
}
