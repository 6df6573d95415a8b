//! The error type of the app layer: what a shopper may be told.
//!
//! It crosses the wire from server functions to the browser, so it carries
//! only user-facing messages. Internal causes are logged on the server and
//! replaced by a generic message before they reach this type.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The request was understood but its input is not acceptable.
    #[error("{0}")]
    Invalid(String),
    /// The thing asked for does not exist (or is not the shopper's).
    #[error("{0}")]
    NotFound(String),
    /// The input is fine but the store's state does not allow it (e.g. stock).
    #[error("{0}")]
    Conflict(String),
    /// Signing in failed, or the page needs a signed-in shopper.
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    TooManyAttempts(String),
    /// Signed in (or not), but not allowed to do this: merchant actions.
    #[error("{0}")]
    Forbidden(String),
    /// The browser could not talk to the store.
    #[error("We could not reach the store. Please check your connection and try again.")]
    Unreachable,
    #[error("Something went wrong on our side. Please try again in a moment.")]
    Internal,
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid(_) => 400,
            AppError::NotFound(_) => 404,
            AppError::Conflict(_) => 409,
            AppError::Unauthorized(_) => 401,
            AppError::TooManyAttempts(_) => 429,
            AppError::Forbidden(_) => 403,
            AppError::Unreachable => 502,
            AppError::Internal => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Missing or mistyped form fields: the shopper's input, not our fault.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::Deserialization(_) => {
                AppError::Invalid("The form was incomplete or malformed. Please try again.".into())
            }
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Unreachable,
            ServerFnErrorErr::UnsupportedRequestMethod(_) => {
                AppError::Invalid("This request is not supported.".into())
            }
            _ => AppError::Internal,
        }
    }
}

impl From<crate::domain::QuantityError> for AppError {
    fn from(value: crate::domain::QuantityError) -> Self {
        AppError::Invalid(value.to_string())
    }
}
