//! Sign-in and registration pages. Both are plain forms that also work
//! without JavaScript; errors come back next to the form.

use super::api::{Register, SignIn};
use crate::error::AppError;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn next_path() -> Memo<String> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| q.get("next").unwrap_or_default()))
}

#[component]
fn FormError(#[prop(into)] value: Signal<Option<Result<(), AppError>>>) -> impl IntoView {
    move || match value.get() {
        Some(Err(error)) => {
            Some(view! { <p role="alert" class="notice notice--error">{error.to_string()}</p> })
        }
        _ => None,
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let next = next_path();
    view! {
        <Title text="Sign in"/>
        <section class="auth">
            <h1>"Sign in"</h1>
            <FormError value=action.value()/>
            <ActionForm action attr:class="stacked-form" attr:novalidate=true>
                <input type="hidden" name="next" value=move || next.get()/>
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="email" required maxlength="254"/>
                <label for="password">"Password"</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required/>
                <button type="submit" class="button button--primary">"Sign in"</button>
            </ActionForm>
            <p>
                "New here? "
                <a href=move || format!("/account/register?next={}", crate::catalog::types::encode_component(&next.get()))>
                    "Create an account"
                </a>
            </p>
        </section>
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let action = ServerAction::<Register>::new();
    let next = next_path();
    view! {
        <Title text="Create an account"/>
        <section class="auth">
            <h1>"Create an account"</h1>
            <FormError value=action.value()/>
            <ActionForm action attr:class="stacked-form" attr:novalidate=true>
                <input type="hidden" name="next" value=move || next.get()/>
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="email" required maxlength="254"/>
                <label for="password">"Password"</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="new-password"
                    required
                    minlength="8"
                    aria-describedby="password-hint"
                />
                <p id="password-hint" class="hint">"At least 8 characters."</p>
                <button type="submit" class="button button--primary">"Create account"</button>
            </ActionForm>
            <p>"Already have an account? " <a href="/account/sign-in">"Sign in"</a></p>
        </section>
    }
}
