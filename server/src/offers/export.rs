//! A voucher offer's codes as CSV, for mailing campaigns and printers.

use crate::db::StoreError;
use crate::http::AppState;
use crate::http::staff_gate::staff_allowed;
use crate::vals;
use app::domain::staff::Permission;
use app::services::Shopper;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/offers/{id}/codes.csv", get(codes_csv))
}

type CodeRow = (String, String, i64, Option<i64>, Option<i64>, bool);

/// A field as CSV writes it: quoted when it holds a separator or quote.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn limit(value: Option<i64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

pub fn csv(rows: &[CodeRow]) -> String {
    let mut out = String::from("code,batch,uses,max_uses,max_per_customer,active\n");
    for (code, batch, uses, max_uses, per_customer, active) in rows {
        out.push_str(&format!(
            "{},{},{uses},{},{},{}\n",
            field(code),
            field(batch),
            limit(*max_uses),
            limit(*per_customer),
            if *active { "yes" } else { "no" }
        ));
    }
    out
}

async fn codes_csv(
    State(state): State<AppState>,
    Path(id): Path<String>,
    shopper: Option<axum::Extension<Shopper>>,
) -> Response {
    let shopper = shopper.map(|s| s.0);
    if staff_allowed(&state.services, shopper.as_ref(), Permission::Offers)
        .await
        .is_none()
    {
        return (
            StatusCode::FORBIDDEN,
            "Only admins can export voucher codes.",
        )
            .into_response();
    }
    let Ok(id) = id.parse::<i64>() else {
        return (StatusCode::NOT_FOUND, "There is no such offer.").into_response();
    };
    let rows: Result<Vec<CodeRow>, StoreError> = state
        .db
        .rows(
            "SELECT code, batch, uses, max_uses, max_per_customer, active FROM vouchers \
             WHERE offer_id = $1 ORDER BY id",
            vals![id],
        )
        .await
        .map_err(StoreError::from);
    match rows {
        Ok(rows) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"offer-{id}-codes.csv\""),
                ),
            ],
            csv(&rows),
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, offer = id, "voucher codes could not be exported");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "The codes could not be exported.",
            )
                .into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_with_commas_are_quoted() {
        let rows = vec![
            (
                "SPRING-2345-6789-ABCD".to_owned(),
                "spring, 2026".to_owned(),
                0,
                Some(1),
                None,
                true,
            ),
            (
                "SAVE\"10".to_owned(),
                String::new(),
                3,
                None,
                Some(2),
                false,
            ),
        ];
        assert_eq!(
            csv(&rows),
            "code,batch,uses,max_uses,max_per_customer,active\n\
             SPRING-2345-6789-ABCD,\"spring, 2026\",0,1,,yes\n\
             \"SAVE\"\"10\",,3,,2,no\n"
        );
    }
}
