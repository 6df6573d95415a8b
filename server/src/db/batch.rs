//! Several statements of a SQLite read transaction sent as one.
//!
//! Every statement on a pooled SQLite connection is a hand-off to the
//! connection's own thread and back. A read transaction's `BEGIN` is
//! therefore held back and sent in front of its first statement, as one
//! multi-statement query: SQLite runs them in order and reports each one's
//! result. (Writes do not come here: they run on the gate's writer, see
//! `lite`.)
//!
//! sqlx still runs multi-statement queries on SQLite but marks the API
//! that reads their separate results as deprecated; the checkout's read
//! transaction goes through it in the integration tests, so a driver
//! update that drops it fails there.

use super::Val;
use futures::TryStreamExt;
use sqlx::Either;
use sqlx::sqlite::{SqliteConnection, SqliteQueryResult, SqliteRow};

/// A statement waiting to be sent.
#[derive(Debug)]
pub struct Pending {
    sql: String,
    vals: Vec<Val>,
}

impl Pending {
    pub fn new(sql: &str, vals: &[Val]) -> Self {
        Pending {
            sql: sql.to_owned(),
            vals: vals.to_vec(),
        }
    }
}

/// What each asked-for statement of a batch did, and the rows they
/// returned (statements held back return none).
pub struct Answers {
    pub results: Vec<SqliteQueryResult>,
    pub rows: Vec<SqliteRow>,
}

/// Runs `pending` (emptied) and then `asked`, as one query; answers for
/// `asked`.
pub async fn run(
    conn: &mut SqliteConnection,
    pending: &mut Vec<Pending>,
    asked: &[(&str, &[Val])],
) -> Result<Answers, sqlx::Error> {
    let mut sql = String::new();
    let mut vals: Vec<Val> = Vec::new();
    let held = std::mem::take(pending);
    let statements = held
        .iter()
        .map(|p| (p.sql.as_str(), p.vals.as_slice()))
        .chain(asked.iter().copied());
    for (text, values) in statements {
        if !sql.is_empty() {
            sql.push_str(";\n");
        }
        sql.push_str(&shift_params(text, vals.len()));
        vals.extend_from_slice(values);
    }
    let mut answers = Answers {
        results: Vec::new(),
        rows: Vec::new(),
    };
    if sql.is_empty() {
        return Ok(answers);
    }
    let query = bind_all!(sqlx::query(&sql), &vals);
    #[allow(deprecated)]
    let mut stream = query.fetch_many(&mut *conn);
    while let Some(item) = stream.try_next().await? {
        match item {
            Either::Left(result) => answers.results.push(result),
            Either::Right(row) => answers.rows.push(row),
        }
    }
    // Every statement reports once, in order: the held-back ones first.
    answers
        .results
        .drain(..held.len().min(answers.results.len()));
    Ok(answers)
}

/// Renumbers the `$n` placeholders of `sql` to `$(n + by)`, so statements
/// with their own numbering can share one parameter list. Quoted text is
/// left alone.
pub fn shift_params(sql: &str, by: usize) -> String {
    if by == 0 {
        return sql.to_owned();
    }
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.char_indices().peekable();
    let mut quoted = false;
    while let Some((at, c)) = chars.next() {
        if c == '\'' {
            quoted = !quoted;
        }
        let digits = sql[at + c.len_utf8()..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        if c == '$' && !quoted && digits > 0 {
            let start = at + 1;
            let n: usize = sql[start..start + digits].parse().unwrap_or(0);
            out.push('$');
            out.push_str(&(n + by).to_string());
            for _ in 0..digits {
                chars.next();
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::shift_params;

    #[test]
    fn placeholders_move_up_and_quoted_text_stays() {
        assert_eq!(
            shift_params("UPDATE t SET a = $1, b = '$2' WHERE id = $12", 3),
            "UPDATE t SET a = $4, b = '$2' WHERE id = $15"
        );
        assert_eq!(shift_params("SELECT $1", 0), "SELECT $1");
        assert_eq!(shift_params("SELECT '$'", 5), "SELECT '$'");
        assert_eq!(shift_params("SELECT 'it''s', $2", 1), "SELECT 'it''s', $3");
        assert_eq!(shift_params("SELECT ü, $1", 9), "SELECT ü, $10");
    }
}
