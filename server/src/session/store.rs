use crate::db::{Db, StoreError, WriteGate};
use async_trait::async_trait;
use time::Duration;
use tower_sessions::cookie::SameSite;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// The session store matching the active database.
#[derive(Clone, Debug)]
pub enum SessionBackend {
    /// Session writes go through the database's write gate, on the
    /// writers' connection, like every other SQLite writer; loads use the
    /// shared pool.
    Sqlite {
        reads: SqliteStore,
        writes: SqliteStore,
        gate: WriteGate,
    },
    Postgres(PostgresStore),
}

impl SessionBackend {
    pub async fn new(db: &Db) -> Result<Self, StoreError> {
        Ok(match db {
            Db::Sqlite(pool, gate) => {
                let writes = SqliteStore::new(gate.writer().clone());
                {
                    let _gate = gate.enter().await;
                    writes.migrate().await?;
                }
                SessionBackend::Sqlite {
                    reads: SqliteStore::new(pool.clone()),
                    writes,
                    gate: gate.clone(),
                }
            }
            Db::Postgres(pool) => {
                let store = PostgresStore::new(pool.clone());
                store.migrate().await?;
                SessionBackend::Postgres(store)
            }
        })
    }
}

#[async_trait]
impl SessionStore for SessionBackend {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            SessionBackend::Sqlite {
                writes: s, gate, ..
            } => {
                let _gate = gate.enter().await;
                s.create(record).await
            }
            SessionBackend::Postgres(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            SessionBackend::Sqlite {
                writes: s, gate, ..
            } => {
                let _gate = gate.enter().await;
                s.save(record).await
            }
            SessionBackend::Postgres(s) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            SessionBackend::Sqlite { reads, .. } => reads.load(id).await,
            SessionBackend::Postgres(s) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            SessionBackend::Sqlite {
                writes: s, gate, ..
            } => {
                let _gate = gate.enter().await;
                s.delete(id).await
            }
            SessionBackend::Postgres(s) => s.delete(id).await,
        }
    }
}

#[async_trait]
impl ExpiredDeletion for SessionBackend {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            SessionBackend::Sqlite {
                writes: s, gate, ..
            } => {
                let _gate = gate.enter().await;
                s.delete_expired().await
            }
            SessionBackend::Postgres(s) => s.delete_expired().await,
        }
    }
}

/// Name of the session cookie.
pub const COOKIE_NAME: &str = "store_session";

/// Sessions last 30 days from the last visit, so a basket survives closing
/// the browser. The cookie is HttpOnly and SameSite=Lax always, Secure when
/// the store is served over HTTPS.
pub fn session_layer(backend: SessionBackend, secure: bool) -> SessionManagerLayer<SessionBackend> {
    SessionManagerLayer::new(backend)
        .with_name(COOKIE_NAME)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(Duration::days(30)))
}
