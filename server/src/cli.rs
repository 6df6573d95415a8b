use crate::config::Config;
use std::path::PathBuf;

#[derive(Debug, clap::Parser)]
#[command(name = "server", about = "Ferrostore: the store's server")]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Serve the store (the default).
    Serve,
    /// Run background jobs (fulfilment, emails, hand-offs, sweeps) without
    /// serving pages; start several against one PostgreSQL database.
    Worker,
    /// Store a digital product's file and make it what the product's
    /// download links deliver.
    AttachFile {
        /// The product's key (its SKU for catalog imports).
        product: String,
        file: PathBuf,
        /// Downloads each link allows (default: the product's, 3 for new ones).
        #[arg(long)]
        attempts: Option<i64>,
        /// Days each link works (default: the product's, 7 for new ones).
        #[arg(long)]
        days: Option<i64>,
    },
    /// Manage staff accounts.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Create or update products from a catalog CSV, matched by SKU.
    ImportCatalog { csv: PathBuf },
    /// Create or update products from a setup file (TOML or JSON), matched
    /// by key; images are rendered into the media folder.
    SetupProducts { file: PathBuf },
    /// Check that reserved stock matches what baskets and orders hold and
    /// never exceeds stock on hand; exits with status 1 on any mismatch.
    AuditStock,
    /// Copy a SQLite database, consistently, while the store runs
    /// (`VACUUM INTO`); the file must not exist yet. For PostgreSQL use
    /// `pg_dump` (see the README).
    Backup { path: PathBuf },
    /// Create an organisation (or find it by name) and make the accounts
    /// with the given emails its members, so they can order for it.
    Organisation {
        name: String,
        #[arg(long = "member")]
        members: Vec<String>,
    },
}

#[derive(Debug, clap::Subcommand)]
pub enum AdminCommand {
    /// Create a staff account, or give an existing account the role and
    /// a new password. The password is prompted for on a terminal and
    /// read from the first line of standard input otherwise.
    Create {
        #[arg(long)]
        email: String,
        /// "admin" (everything) or "staff" (orders and stock).
        #[arg(long, default_value = "admin")]
        role: String,
    },
}

/// The password for `admin create`: prompted for without echo on a
/// terminal, otherwise the first line of standard input.
pub fn read_password() -> std::io::Result<String> {
    use std::io::{BufRead, IsTerminal, Write};
    let stdin = std::io::stdin();
    let terminal = stdin.is_terminal();
    let echo = |on: bool| {
        // Best effort: where `stty` is missing the password is echoed.
        let _ = std::process::Command::new("stty")
            .arg(if on { "echo" } else { "-echo" })
            .stdin(std::process::Stdio::inherit())
            .status();
    };
    if terminal {
        eprint!("Password: ");
        std::io::stderr().flush()?;
        echo(false);
    }
    let mut line = String::new();
    let read = stdin.lock().read_line(&mut line);
    if terminal {
        echo(true);
        eprintln!();
    }
    read?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    if password.is_empty() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "no password given",
        ));
    }
    Ok(password)
}
