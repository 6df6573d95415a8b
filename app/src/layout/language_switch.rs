use crate::domain::Locale;
use leptos::prelude::*;

/// A plain form post, so choosing a language reloads the page in the new
/// language with or without JavaScript.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let buttons = Locale::ALL
        .into_iter()
        .map(|locale| {
            view! {
                <button type="submit" name="locale" value=locale.code() lang=locale.code() class="button button--quiet">
                    {locale.native_name()}
                </button>
            }
        })
        .collect_view();
    view! {
        <form class="language-switch" method="post" action="/api/locale" aria-label="Language">
            {buttons}
        </form>
    }
}
