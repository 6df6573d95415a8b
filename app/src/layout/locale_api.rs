//! Choosing the shop's language. The choice is a cookie, so it also holds
//! for shoppers without a session, and it outranks Accept-Language.

use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "locale")]
pub async fn set_locale(locale: String) -> Result<(), AppError> {
    use crate::domain::Locale;
    use crate::server_context::{LOCALE_COOKIE, services};
    use http::header::{HeaderValue, SET_COOKIE};

    let chosen = Locale::parse(&locale)
        .ok_or_else(|| AppError::Invalid("That language is not offered.".into()))?;
    let secure = if services()?.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax{secure}",
        chosen.code()
    );
    let value = HeaderValue::from_str(&cookie).map_err(|_| AppError::Internal)?;
    expect_context::<leptos_axum::ResponseOptions>().append_header(SET_COOKIE, value);
    Ok(())
}
