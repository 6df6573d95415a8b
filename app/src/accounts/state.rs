use super::api::current_user;
use super::types::UserView;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Who is signed in, shared by the header and the pages. Signing in or
/// out ends in a navigation, so the resource follows the location.
#[derive(Clone, Copy)]
pub struct UserState {
    pub resource: Resource<Result<Option<UserView>, AppError>>,
}

impl UserState {
    pub fn provide() {
        let path = use_location().pathname;
        provide_context(UserState {
            resource: Resource::new(move || path.get(), |_| current_user()),
        });
    }

    pub fn expect() -> Self {
        expect_context::<UserState>()
    }
}
