//! The SQLite writer: one connection, driven on the calling thread.
//!
//! sqlx runs every SQLite connection on a thread of its own, and each
//! statement is a hand-off to that thread and back. Behind the write gate
//! those hand-offs were most of a write transaction's time: a placement
//! held the gate for about 0.8 ms, of which SQLite's own work was a small
//! part and thread switches the rest. The writer therefore is a plain
//! SQLite connection owned by the gate (see `WriteGate`), and whoever holds
//! the gate runs its statements directly. Readers stay on sqlx's pool,
//! where waiting on a hand-off holds nobody else up.
//!
//! Statements keep the `$n` placeholders of the portable SQL; rows are
//! decoded by `LiteRow`, next to each type's `FromRow` for the pools.

use super::Val;
use rusqlite::types::{FromSql, ToSqlOutput, Value};
use rusqlite::{Connection, OpenFlags, Row};
use std::borrow::Cow;
use std::path::Path;
use std::time::Duration;

/// Prepared statements kept per writer: every distinct write the store
/// makes, with room to spare.
const STATEMENT_CACHE: usize = 400;

pub struct Lite {
    conn: Connection,
}

impl std::fmt::Debug for Lite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Lite")
    }
}

/// A row type the writer can decode. Tuples of plain values have it; row
/// structs get it from `lite_row!`.
pub trait LiteRow: Sized {
    fn from_lite(row: &Row<'_>) -> rusqlite::Result<Self>;
}

macro_rules! tuple_row {
    ($($name:ident $index:tt),+) => {
        impl<$($name: FromSql),+> LiteRow for ($($name,)+) {
            fn from_lite(row: &Row<'_>) -> rusqlite::Result<Self> {
                Ok(($(row.get::<_, $name>($index)?,)+))
            }
        }
    };
}
tuple_row!(A 0);
tuple_row!(A 0, B 1);
tuple_row!(A 0, B 1, C 2);
tuple_row!(A 0, B 1, C 2, D 3);
tuple_row!(A 0, B 1, C 2, D 3, E 4);
tuple_row!(A 0, B 1, C 2, D 3, E 4, F 5);
tuple_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);

/// `LiteRow` for a struct whose fields are named like its columns (as
/// sqlx's `FromRow` derive reads them).
#[macro_export]
macro_rules! lite_row {
    ($ty:ident { $($field:ident),+ $(,)? }) => {
        impl $crate::db::LiteRow for $ty {
            fn from_lite(row: &::rusqlite::Row<'_>) -> ::rusqlite::Result<Self> {
                Ok($ty { $($field: row.get(stringify!($field))?),+ })
            }
        }
    };
}

impl rusqlite::ToSql for Val {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Val::I64(v) => ToSqlOutput::from(*v),
            Val::Text(v) => ToSqlOutput::from(v.as_str()),
            Val::Bool(v) => ToSqlOutput::from(i64::from(*v)),
            Val::OptI64(Some(v)) => ToSqlOutput::from(*v),
            Val::OptText(Some(v)) => ToSqlOutput::from(v.as_str()),
            Val::OptI64(None) | Val::OptText(None) => ToSqlOutput::Owned(Value::Null),
        })
    }
}

impl Lite {
    /// Opens the writer on the database file the pools use; the pools
    /// have already created it and set it to write-ahead logging.
    pub fn open(path: &Path) -> rusqlite::Result<Self> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?;
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
        )?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        Ok(Lite { conn })
    }

    /// Runs one statement: the rows it changed (none for a query) and the
    /// rows it returned.
    pub fn run<R: LiteRow>(&self, sql: &str, vals: &[Val]) -> rusqlite::Result<(u64, Vec<R>)> {
        let mut statement = self.conn.prepare_cached(sql)?;
        for index in 1..=statement.parameter_count() {
            let val = match statement.parameter_name(index) {
                // `$n` is SQLite's named parameter "$n", numbered by first
                // appearance: bind it by the number it carries.
                Some(name) => name
                    .strip_prefix(['$', '?'])
                    .and_then(|n| n.parse::<usize>().ok())
                    .and_then(|n| vals.get(n.wrapping_sub(1))),
                None => vals.get(index - 1),
            };
            let Some(val) = val else {
                return Err(rusqlite::Error::InvalidParameterCount(index, vals.len()));
            };
            statement.raw_bind_parameter(index, val)?;
        }
        let writes = !statement.readonly();
        let mut found = Vec::new();
        {
            let mut rows = statement.raw_query();
            while let Some(row) = rows.next()? {
                found.push(R::from_lite(row)?);
            }
        }
        let changed = if writes { self.conn.changes() } else { 0 };
        Ok((changed, found))
    }

    /// Runs a statement whose rows nobody reads.
    pub fn execute(&self, sql: &str, vals: &[Val]) -> rusqlite::Result<u64> {
        self.run::<Ignored>(sql, vals).map(|(changed, _)| changed)
    }

    /// Runs statements without parameters, such as `BEGIN`.
    pub fn batch(&self, sql: &str) -> rusqlite::Result<()> {
        self.conn.execute_batch(sql)
    }

    /// A transaction is open on the writer.
    pub fn in_transaction(&self) -> bool {
        !self.conn.is_autocommit()
    }
}

/// Rows read and dropped.
struct Ignored;

impl LiteRow for Ignored {
    fn from_lite(_: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Ignored)
    }
}

/// A writer error as sqlx reports database errors, so callers handle both
/// databases' failures alike (`is_unique_violation` and the rest).
#[derive(Debug)]
pub struct LiteError {
    message: String,
    code: Option<String>,
    /// SQLite's extended result code.
    extended: i32,
}

impl std::fmt::Display for LiteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LiteError {}

impl sqlx::error::DatabaseError for LiteError {
    fn message(&self) -> &str {
        &self.message
    }

    fn code(&self) -> Option<Cow<'_, str>> {
        self.code.as_deref().map(Cow::Borrowed)
    }

    fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        self
    }

    fn as_error_mut(&mut self) -> &mut (dyn std::error::Error + Send + Sync + 'static) {
        self
    }

    fn into_error(self: Box<Self>) -> Box<dyn std::error::Error + Send + Sync + 'static> {
        self
    }

    fn kind(&self) -> sqlx::error::ErrorKind {
        use sqlx::error::ErrorKind;
        match self.extended {
            CONSTRAINT_UNIQUE | CONSTRAINT_PRIMARYKEY => ErrorKind::UniqueViolation,
            CONSTRAINT_FOREIGNKEY => ErrorKind::ForeignKeyViolation,
            CONSTRAINT_NOTNULL => ErrorKind::NotNullViolation,
            CONSTRAINT_CHECK => ErrorKind::CheckViolation,
            _ => ErrorKind::Other,
        }
    }
}

/// SQLite's extended result codes for broken constraints.
const CONSTRAINT_CHECK: i32 = 275;
const CONSTRAINT_FOREIGNKEY: i32 = 787;
const CONSTRAINT_NOTNULL: i32 = 1299;
const CONSTRAINT_PRIMARYKEY: i32 = 1555;
const CONSTRAINT_UNIQUE: i32 = 2067;

pub fn to_sqlx(error: rusqlite::Error) -> sqlx::Error {
    match error {
        rusqlite::Error::SqliteFailure(failure, message) => {
            sqlx::Error::Database(Box::new(LiteError {
                message: message.unwrap_or_else(|| failure.to_string()),
                code: Some(failure.extended_code.to_string()),
                extended: failure.extended_code,
            }))
        }
        rusqlite::Error::FromSqlConversionFailure(..)
        | rusqlite::Error::InvalidColumnType(..)
        | rusqlite::Error::InvalidColumnName(..)
        | rusqlite::Error::InvalidColumnIndex(..)
        | rusqlite::Error::IntegralValueOutOfRange(..) => sqlx::Error::Decode(Box::new(error)),
        other => sqlx::Error::Protocol(other.to_string()),
    }
}
