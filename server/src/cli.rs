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
    /// Create an organisation (or find it by name) and make the accounts
    /// with the given emails its members, so they can order for it.
    Organisation {
        name: String,
        #[arg(long = "member")]
        members: Vec<String>,
    },
}
