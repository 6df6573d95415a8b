//! Real servers the store talks to, started on loopback for one test: an
//! S3-compatible object store (s3s-fs) and an SMTP server (aiosmtpd) that
//! keeps every message it receives in a Maildir.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn wait_for_port(port: u16, what: &str, child: &mut Child) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} exited at start: {status}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{what} did not start listening on port {port}");
}

/// A child process that is killed with the test.
pub struct Server {
    child: Child,
    pub port: u16,
    pub dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub const S3_ACCESS_KEY: &str = "ferrostore-test";
pub const S3_SECRET_KEY: &str = "ferrostore-test-secret-key";

/// s3s-fs, from PATH or cargo's bin folder (scripts/test installs it).
pub fn s3_server() -> Server {
    let binary = which("s3s-fs").expect(
        "s3s-fs is not installed: run scripts/test, which installs it \
         (cargo install s3s-fs@0.14.1 --features binary)",
    );
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut child = Command::new(binary)
        .args(["--host", "127.0.0.1", "--port", &port.to_string()])
        .args(["--access-key", S3_ACCESS_KEY, "--secret-key", S3_SECRET_KEY])
        .arg(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("s3s-fs starts");
    wait_for_port(port, "s3s-fs", &mut child);
    Server { child, port, dir }
}

/// aiosmtpd with its Maildir handler; `STORE_TEST_PYTHON` names a Python
/// that has it (scripts/test sets it up).
pub fn smtp_server() -> Server {
    let python = std::env::var("STORE_TEST_PYTHON").unwrap_or_else(|_| {
        let venv: PathBuf = [
            env!("CARGO_MANIFEST_DIR"),
            "..",
            "target",
            "tools",
            "smtp",
            "bin",
            "python",
        ]
        .iter()
        .collect();
        venv.display().to_string()
    });
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut child = Command::new(&python)
        .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
        .args(["-c", "aiosmtpd.handlers.Mailbox"])
        .arg(dir.path().join("maildir"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("{python} cannot run aiosmtpd ({e}): run scripts/test, which installs it")
        });
    wait_for_port(port, "aiosmtpd", &mut child);
    Server { child, port, dir }
}

impl Server {
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn smtp_url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message the SMTP server has received so far.
    pub fn messages(&self) -> Vec<Mail> {
        let new = self.dir.path().join("maildir").join("new");
        let Ok(entries) = std::fs::read_dir(new) else {
            return Vec::new();
        };
        entries
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .map(|raw| Mail::parse(&raw))
            .collect()
    }
}

/// A received message, as far as the tests look at it.
#[derive(Debug, Clone)]
pub struct Mail {
    pub headers: Vec<(String, String)>,
    /// The whole message with quoted-printable soft breaks undone.
    pub body: String,
}

impl Mail {
    fn parse(raw: &str) -> Mail {
        let raw = raw.replace("\r\n", "\n");
        let (head, body) = raw.split_once("\n\n").unwrap_or((&raw, ""));
        let mut headers: Vec<(String, String)> = Vec::new();
        for line in head.lines() {
            if line.starts_with([' ', '\t']) {
                if let Some(last) = headers.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(line.trim());
                }
            } else if let Some((name, value)) = line.split_once(':') {
                headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
            }
        }
        Mail {
            headers,
            body: body.replace("=\n", "").replace("=3D", "="),
        }
    }

    pub fn header(&self, name: &str) -> String {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

fn which(name: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo").join("bin"));
    }
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file())
}
