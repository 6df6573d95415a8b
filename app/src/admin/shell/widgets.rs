use crate::domain::FieldError;
use crate::error::AppError;
use leptos::prelude::*;

/// The failure of an admin action, as an alert; nothing otherwise.
#[component]
pub fn ActionError<T: Clone + Send + Sync + 'static>(
    #[prop(into)] value: Signal<Option<Result<T, AppError>>>,
) -> impl IntoView {
    move || {
        value.get().and_then(|r| r.err()).map(|error| {
            view! { <p role="alert" class="notice notice--error">{error.to_string()}</p> }
        })
    }
}

/// What a hydrated page says once an admin action succeeded; plain form
/// posts get the same news from the session on the page they return to.
#[component]
pub fn ActionDone<T: Clone + Send + Sync + 'static>(
    #[prop(into)] value: Signal<Option<Result<T, AppError>>>,
    text: &'static str,
) -> impl IntoView {
    move || {
        matches!(value.get(), Some(Ok(_)))
            .then(|| view! { <p role="status" class="notice notice--ok">{text}</p> })
    }
}

/// The message for one field, if it has one; `id` is what the input's
/// `aria-describedby` names.
pub fn field_message(errors: &[FieldError], field: &str) -> Option<impl IntoView + use<>> {
    let message = errors.iter().find(|e| e.field == field)?.message.clone();
    let id = format!("{field}-error");
    Some(view! { <p class="field-error" id=id>{message}</p> })
}

/// A labelled text input of an editor's `form[…]`, with its message; its id
/// is `{prefix}-{field}`.
pub fn form_input(
    prefix: &'static str,
    errors: &[FieldError],
    field: &'static str,
    label: &'static str,
    value: String,
    max: usize,
) -> impl IntoView + use<> {
    let id = format!("{prefix}-{field}");
    view! {
        <label for=id.clone()>{label}</label>
        <input
            id=id
            name=format!("form[{field}]")
            value=value
            maxlength=max.to_string()
            aria-invalid=described_by(errors, field).map(|_| "true")
            aria-describedby=described_by(errors, field)
        />
        {field_message(errors, field)}
    }
}

/// A checkbox of an editor's `form[…]`, posted as `on` when ticked.
pub fn form_checkbox(field: &'static str, label: &'static str, on: bool) -> impl IntoView + use<> {
    view! {
        <label class="check">
            <input type="checkbox" name=format!("form[{field}]") value="on" checked=on/>
            {label}
        </label>
    }
}

/// The `aria-describedby` of a field with a problem.
pub fn described_by(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .any(|e| e.field == field)
        .then(|| format!("{field}-error"))
}

/// A coloured label for an order's state.
#[component]
pub fn StatusBadge(code: String, label: String) -> impl IntoView {
    view! { <span class=format!("badge badge--{code}")>{label}</span> }
}

/// `page` of the current address's query, from 1.
pub fn page_of(text: Option<String>) -> u32 {
    text.and_then(|p| p.parse().ok()).unwrap_or(1).max(1)
}

/// Clears a form once its action succeeds. The page is rebuilt with the
/// new data, but the browser keeps what was typed into inputs it reuses;
/// a reset makes them show the new defaults (a new amount due, an empty
/// reference).
pub fn reset_on_success<T, E>(
    value: impl Fn() -> Option<Result<T, E>> + 'static,
    form: NodeRef<leptos::html::Form>,
) {
    Effect::new(move |_| {
        if matches!(value(), Some(Ok(_)))
            && let Some(form) = form.get_untracked()
        {
            form.reset();
        }
    });
}

/// Counts the times an action succeeded: the source for a resource that
/// shows what the action changes. A refused action changed nothing, so it
/// does not reload the page's tables, which would redraw the forms in
/// them and drop what the user had begun to change there.
pub fn successes<T, E>(value: impl Fn() -> Option<Result<T, E>> + 'static) -> ReadSignal<u32>
where
    T: 'static,
    E: 'static,
{
    let (count, set_count) = signal(0u32);
    Effect::new(move |_| {
        if matches!(value(), Some(Ok(_))) {
            set_count.update(|n| *n += 1);
        }
    });
    count
}
