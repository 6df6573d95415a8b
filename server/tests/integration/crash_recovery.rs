//! Crash safety: the server is killed (SIGKILL) right after payments are
//! confirmed, while its jobs are still under way. A worker started
//! afterwards finishes them: every paid order gets exactly one set of
//! download links and exactly one of each email.

use crate::support::fulfilment::{EBOOK, eventually};
use crate::support::servers::{free_port, smtp_server, wait_for_port};
use crate::support::{Backend, TestStore, database_url, fixture_csv, site_root};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const ORDERS: usize = 4;

pub(crate) fn server(
    dir: &Path,
    database_url: &str,
    port: u16,
    smtp: &str,
    args: &[&str],
) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("DATABASE_URL", database_url)
        .env("STORE_BIND", format!("127.0.0.1:{port}"))
        .env("STORE_PUBLIC_URL", format!("http://127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", site_root())
        .env("STORE_FILES_DIR", dir.join("files"))
        .env("STORE_FILES_SECRET", "crash-test-secret")
        .env("STORE_MEDIA_DIR", dir.join("media"))
        .env("STORE_SMTP_URL", smtp)
        .env("STORE_JOB_LEASE_SECONDS", "2")
        .env("STORE_JOB_RETRY_SECONDS", "1")
        .env("STORE_JOB_POLL_MS", "100")
        .env("STORE_TESTPAY", "false")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    command
}

pub(crate) fn run(mut command: Command) {
    let status = command.status().expect("the server binary runs");
    assert!(status.success(), "{command:?} failed: {status}");
}

async fn crash(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let database = database_url(backend, &dir).await;
    let port = free_port();
    // A mail server that takes connections and never answers: every email
    // is still being sent when the server dies.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let silent_smtp = format!("smtp://127.0.0.1:{}", silent.local_addr().unwrap().port());
    let cmd = |smtp: &str, args: &[&str]| server(dir.path(), &database, port, smtp, args);

    let csv = dir.path().join("catalog.csv");
    std::fs::write(&csv, fixture_csv()).unwrap();
    run(cmd(
        &silent_smtp,
        &["import-catalog", csv.to_str().unwrap()],
    ));
    let setup = TestStore::external(format!("http://127.0.0.1:{port}"), database.clone()).await;
    setup
        .execute(&format!(
            "UPDATE products SET product_type = 'digital', shippable = FALSE WHERE sku = '{EBOOK}'"
        ))
        .await;
    let book = dir.path().join("book.pdf");
    std::fs::write(&book, b"%PDF-1.4 crash-proof").unwrap();
    run(cmd(
        &silent_smtp,
        &[
            "attach-file",
            EBOOK,
            book.to_str().unwrap(),
            "--attempts",
            "3",
        ],
    ));

    let mut serving = cmd(&silent_smtp, &["serve"]).spawn().unwrap();
    wait_for_port(port, "the server", &mut serving);
    let store = setup;
    let mut numbers = Vec::new();
    for _ in 0..ORDERS {
        numbers.push(store.paid_order(&[EBOOK]).await.number);
    }
    serving.kill().unwrap();
    serving.wait().unwrap();
    let unfinished = store
        .number("SELECT COUNT(*) FROM jobs WHERE order_id IS NOT NULL AND status <> 'done'")
        .await;
    assert!(unfinished > 0, "the server died with work left to do");
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM orders WHERE status IN ('paid', 'fulfilled')")
            .await,
        ORDERS as i64,
        "every payment was committed"
    );

    // A worker on its own picks everything up after the leases run out.
    let smtp = smtp_server();
    let mut worker = cmd(&smtp.smtp_url(), &["worker"]).spawn().unwrap();
    eventually("every job to finish", || async {
        let left = store
            .number("SELECT COUNT(*) FROM jobs WHERE order_id IS NOT NULL AND status <> 'done'")
            .await;
        (left == 0).then_some(())
    })
    .await;
    let mails = eventually("every email", || async {
        let mails = smtp.messages();
        (mails.len() >= 3 * ORDERS).then_some(mails)
    })
    .await;
    // Give a duplicate, if there were one, time to arrive.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mails = smtp.messages().len().max(mails.len());
    worker.kill().unwrap();
    worker.wait().unwrap();
    assert_eq!(mails, 3 * ORDERS, "one of each email per order, no more");
    let subjects: Vec<String> = smtp
        .messages()
        .iter()
        .map(|m| m.header("subject"))
        .collect();
    for number in &numbers {
        for subject in [
            format!("Your order {number}"),
            format!("Payment received for order {number}"),
            format!("Your downloads for order {number}"),
        ] {
            assert_eq!(
                subjects.iter().filter(|s| **s == subject).count(),
                1,
                "{subject} in {subjects:?}"
            );
        }
        let links = store
            .number(&format!(
                "SELECT COUNT(*) FROM download_links l JOIN orders o ON o.id = l.order_id \
                 WHERE o.number = '{number}'"
            ))
            .await;
        assert_eq!(links, 1, "order {number} has one link");
    }
    assert_eq!(
        store
            .number("SELECT COUNT(*) FROM orders WHERE status = 'fulfilled'")
            .await,
        ORDERS as i64
    );
    drop(silent);
}

each_backend!(a_killed_server_loses_and_repeats_nothing, crash);
