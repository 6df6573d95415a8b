//! Password hashing with argon2id (the crate's defaults: 19 MiB, two
//! passes). Hashing is CPU-bound, so it runs off the async workers.

use crate::db::StoreError;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

fn argon2() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

pub async fn hash(password: String) -> Result<String, StoreError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| StoreError::Config(format!("password hashing failed: {e}")))
    })
    .await
    .map_err(|e| StoreError::Config(format!("password hashing task failed: {e}")))?
}

/// Checks a password against a stored hash. Unknown users are checked
/// against a throwaway hash, so the answer takes as long either way.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let stored = stored.unwrap_or_else(|| DECOY.to_owned());
        match PasswordHash::new(&stored) {
            Ok(parsed) => argon2()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok(),
            Err(_) => false,
        }
    })
    .await
    .unwrap_or(false)
}

/// An argon2id hash of a random password nobody knows.
const DECOY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$JyeCFGvDVkqSYOa08nIJiyPfTzsA0ww1L3M6bC3uPlk";

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_salted_and_verify() {
        let a = hash("correct horse".into()).await.unwrap();
        let b = hash("correct horse".into()).await.unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "every hash has its own salt");
        assert!(verify("correct horse".into(), Some(a.clone())).await);
        assert!(!verify("wrong horse".into(), Some(a)).await);
        assert!(!verify("anything".into(), None).await);
        assert!(
            PasswordHash::new(DECOY).is_ok(),
            "the decoy must cost a real check"
        );
    }
}
