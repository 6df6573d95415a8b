use super::api::current_user;
use super::types::UserView;
use crate::error::AppError;
use leptos::prelude::*;

/// Who is signed in, shared by the header and the pages of one render.
#[derive(Clone, Copy)]
pub struct UserState {
    pub resource: Resource<Result<Option<UserView>, AppError>>,
}

impl UserState {
    pub fn provide() {
        provide_context(UserState {
            resource: Resource::new(|| (), |_| current_user()),
        });
    }

    pub fn expect() -> Self {
        expect_context::<UserState>()
    }
}
