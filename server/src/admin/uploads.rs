//! File uploads from the product editor: pictures and a digital
//! product's file. They are plain multipart form posts, so they work the
//! same with and without JavaScript; the staff role is checked here.

use crate::http::AppState;
use crate::http::staff_gate::staff_allowed;
use app::domain::staff::Permission;
use app::services::Shopper;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;

/// Pictures larger than this are refused before they are decoded.
pub const MAX_IMAGE_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_FILE_BYTES: usize = 200 * 1024 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/products/{id}/images",
            post(upload_image).layer(DefaultBodyLimit::max(MAX_IMAGE_BYTES + 64 * 1024)),
        )
        .route(
            "/admin/products/{id}/file",
            post(upload_file).layer(DefaultBodyLimit::max(MAX_FILE_BYTES + 64 * 1024)),
        )
}

fn refusal(status: StatusCode, product: i64, message: &str) -> Response {
    let back = format!("<p><a href=\"/admin/products/{product}\">Back to the product</a></p>");
    crate::html::page(status, "Upload refused", message, &back)
}

/// The uploaded file and the form's text fields.
struct Upload {
    bytes: Vec<u8>,
    filename: String,
    alt: String,
}

async fn read(mut form: Multipart, file_field: &str, limit: usize) -> Result<Upload, String> {
    let mut upload = Upload {
        bytes: Vec::new(),
        filename: String::new(),
        alt: String::new(),
    };
    while let Some(mut field) = form
        .next_field()
        .await
        .map_err(|_| "The upload was cut short or is too large.".to_owned())?
    {
        match field.name() {
            Some(name) if name == file_field => {
                upload.filename = field.file_name().unwrap_or_default().to_owned();
                while let Some(chunk) = field
                    .chunk()
                    .await
                    .map_err(|_| "The upload was cut short or is too large.".to_owned())?
                {
                    if upload.bytes.len() + chunk.len() > limit {
                        return Err(format!(
                            "The file is larger than {} MB.",
                            limit / 1024 / 1024
                        ));
                    }
                    upload.bytes.extend_from_slice(&chunk);
                }
            }
            Some("alt") => {
                let text = field.text().await.unwrap_or_default();
                upload.alt = text.trim().chars().take(300).collect();
            }
            _ => {}
        }
    }
    if upload.bytes.is_empty() {
        return Err("Choose a file to upload.".into());
    }
    Ok(upload)
}

/// The staff member allowed to change the catalog, and their upload; or
/// the page refusing them.
async fn accept(
    state: &AppState,
    shopper: Option<&Shopper>,
    product: i64,
    form: Multipart,
    field: &str,
    limit: usize,
) -> Result<(i64, Upload), Response> {
    let Some(user) = staff_allowed(&state.services, shopper, Permission::Catalog).await else {
        return Err(refusal(
            StatusCode::FORBIDDEN,
            product,
            "You are not allowed to do this.",
        ));
    };
    read(form, field, limit)
        .await
        .map(|upload| (user, upload))
        .map_err(|message| refusal(StatusCode::BAD_REQUEST, product, &message))
}

/// Records the change, then takes the merchant back to the product.
async fn finish(
    state: &AppState,
    shopper: Option<Shopper>,
    user: i64,
    product: i64,
    (action, detail): (&str, &str),
    notice: &str,
) -> Response {
    let subject = format!("product {product}");
    if let Err(error) = state
        .services
        .admin
        .insights
        .record(user, action, &subject, detail)
        .await
    {
        tracing::error!(%error, "audit record not written");
    }
    if let Some(shopper) = shopper {
        let _ = shopper.0.set_notice(notice).await;
    }
    Redirect::to(&format!("/admin/products/{product}")).into_response()
}

async fn upload_image(
    State(state): State<AppState>,
    Path(product): Path<i64>,
    shopper: Option<axum::Extension<Shopper>>,
    form: Multipart,
) -> Response {
    let shopper = shopper.map(|s| s.0);
    let (user, upload) = match accept(
        &state,
        shopper.as_ref(),
        product,
        form,
        "image",
        MAX_IMAGE_BYTES,
    )
    .await
    {
        Ok(accepted) => accepted,
        Err(refused) => return refused,
    };
    let media = state.media.clone();
    let stored = tokio::task::spawn_blocking(move || media.store(&upload.bytes)).await;
    let stored = match stored {
        Ok(Ok(stored)) => stored,
        Ok(Err(crate::media::MediaError::Decode(detail))) => {
            tracing::info!(%detail, product, "refused an upload that is not a picture");
            return refusal(
                StatusCode::BAD_REQUEST,
                product,
                "That file is not a picture the store can read. Upload a PNG or JPEG image.",
            );
        }
        Ok(Err(error)) => {
            tracing::error!(%error, "saving an uploaded picture failed");
            return refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                product,
                "The picture could not be saved. Please try again.",
            );
        }
        Err(error) => {
            tracing::error!(%error, "the picture worker failed");
            return refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                product,
                "The picture could not be saved. Please try again.",
            );
        }
    };
    if let Err(error) = state.catalog.add_image(product, &upload.alt, &stored).await {
        let error = app::error::AppError::from(error);
        return refusal(
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST),
            product,
            &error.to_string(),
        );
    }
    let change = ("image.upload", upload.filename.as_str());
    finish(
        &state,
        shopper,
        user,
        product,
        change,
        "The picture was added.",
    )
    .await
}

async fn upload_file(
    State(state): State<AppState>,
    Path(product): Path<i64>,
    shopper: Option<axum::Extension<Shopper>>,
    form: Multipart,
) -> Response {
    let shopper = shopper.map(|s| s.0);
    let (user, upload) = match accept(
        &state,
        shopper.as_ref(),
        product,
        form,
        "file",
        MAX_FILE_BYTES,
    )
    .await
    {
        Ok(accepted) => accepted,
        Err(refused) => return refused,
    };
    let sku: Result<Vec<(String,)>, _> = state
        .db
        .rows(
            "SELECT sku FROM products WHERE id = $1",
            crate::vals![product],
        )
        .await;
    let sku = match sku {
        Ok(rows) => rows.into_iter().next(),
        Err(error) => {
            tracing::error!(%error, "looking up a product for an upload failed");
            return refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                product,
                "The file could not be stored. Please try again.",
            );
        }
    };
    let Some((sku,)) = sku else {
        return refusal(StatusCode::NOT_FOUND, product, "There is no such product.");
    };
    let filename = crate::downloads::storage::safe_filename(&upload.filename);
    let attached = crate::downloads::attach::attach_file(
        &state.db,
        &state.files,
        crate::downloads::attach::Attachment {
            product: &sku,
            filename: &filename,
            bytes: upload.bytes,
            attempts: None,
            days: None,
        },
    )
    .await;
    if let Err(error) = attached {
        use crate::downloads::attach::AttachError;
        return match error {
            AttachError::NoProduct(_) | AttachError::NotDigital(_) => {
                refusal(StatusCode::BAD_REQUEST, product, &format!("{error}."))
            }
            other => {
                tracing::error!(error = %other, "storing a digital file failed");
                refusal(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    product,
                    "The file could not be stored. Please try again.",
                )
            }
        };
    }
    let change = ("file.upload", filename.as_str());
    finish(
        &state,
        shopper,
        user,
        product,
        change,
        "The file was stored.",
    )
    .await
}
