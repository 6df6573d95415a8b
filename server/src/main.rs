use clap::Parser;
use server::cli::{Cli, Command};
use server::{db, startup, telemetry};
use std::process::ExitCode;

/// jemalloc rather than glibc's allocator for the server's own memory:
/// under 32 concurrent shoppers it serves pages about 40 % faster and
/// writes about 25 % faster, because glibc's arenas (capped to keep memory
/// down) make the runtime's threads queue on their locks. The settings
/// keep memory small: two arenas, and freed pages handed back to the
/// system after a second, by jemalloc's own thread rather than on a
/// request's path. `_RJEM_MALLOC_CONF` in the environment overrides them.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[cfg(not(target_env = "msvc"))]
#[allow(non_upper_case_globals)]
#[unsafe(export_name = "_rjem_malloc_conf")]
static malloc_conf: &[u8] =
    b"narenas:2,background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0\0";

fn main() -> ExitCode {
    limit_malloc_arenas();
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(run()),
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            ExitCode::FAILURE
        }
    }
}

/// What still goes through glibc's allocator is SQLite's memory (page
/// caches, prepared statements), allocated on one thread per connection.
/// glibc would give those threads heaps of their own ("arenas"), each
/// keeping its own peak; one shared arena keeps a single peak, and these
/// threads allocate little next to the statements they run. Set before
/// any thread starts.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    // SAFETY: mallopt only changes allocator settings; it is called before
    // any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}

async fn run() -> ExitCode {
    let cli = Cli::parse();
    let mut config = cli.config;
    // cargo-leptos passes the address it serves on.
    if let Ok(addr) = std::env::var("LEPTOS_SITE_ADDR") {
        if std::env::var_os("STORE_BIND").is_none() {
            if let Ok(addr) = addr.parse() {
                config.bind = addr;
            }
        }
    }
    telemetry::init(&config);
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => match startup::start(&config).await {
            Ok(running) => running.until_signal().await,
            Err(e) => Err(e),
        },
        Command::Worker => startup::work(&config).await,
        Command::AttachFile {
            product,
            file,
            attempts,
            days,
        } => {
            async {
                let db = db::connect(&config.database_url).await?;
                db.migrate().await?;
                let bytes = std::fs::read(&file).map_err(|source| startup::StartError::Read {
                    path: file.display().to_string(),
                    source,
                })?;
                let filename = file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let files = startup::file_store(&config.fulfilment)?;
                let key = server::downloads::attach::attach_file(
                    &db,
                    &files,
                    server::downloads::attach::Attachment {
                        product: &product,
                        filename: &filename,
                        bytes,
                        attempts,
                        days,
                    },
                )
                .await
                .map_err(|e| startup::StartError::Fulfilment(e.to_string()))?;
                println!("{product} now delivers {filename} (stored as {key})");
                Ok::<(), startup::StartError>(())
            }
            .await
        }
        Command::Admin {
            command: server::cli::AdminCommand::Create { email, role },
        } => {
            async {
                let role = app::domain::staff::StaffRole::parse(&role).ok_or_else(|| {
                    startup::StartError::Fulfilment("--role is admin or staff".into())
                })?;
                let password = server::cli::read_password()
                    .map_err(|e| startup::StartError::Fulfilment(format!("password: {e}")))?;
                let db = db::connect(&config.database_url).await?;
                db.migrate().await?;
                let accounts = server::accounts::AccountStore::new(db.clone(), Default::default());
                let created = server::admin::staff_accounts::create_staff(
                    &db, &accounts, &email, &password, role,
                )
                .await
                .map_err(|e| startup::StartError::Fulfilment(e.to_string()))?;
                let what = if created { "created" } else { "updated" };
                println!("{email}: {what}, role {}", role.code());
                Ok::<(), startup::StartError>(())
            }
            .await
        }
        Command::Migrate => {
            async {
                let db = db::connect(&config.database_url).await?;
                db.migrate().await?;
                println!("database is up to date");
                Ok::<(), startup::StartError>(())
            }
            .await
        }
        Command::ImportCatalog { csv } => {
            async {
                let db = db::connect(&config.database_url).await?;
                db.migrate().await?;
                let report = startup::import_file(&db, &csv).await?;
                println!(
                    "imported {}: {} created, {} updated, {} categories",
                    csv.display(),
                    report.created,
                    report.updated,
                    report.categories
                );
                Ok::<(), startup::StartError>(())
            }
            .await
        }
        Command::SetupProducts { file } => {
            async {
                let db = db::connect(&config.database_url).await?;
                db.migrate().await?;
                let report = startup::setup_file(&db, &config, &file).await?;
                println!(
                    "applied {}: {} products created, {} updated, {} categories, {} catalogs, {} images",
                    file.display(),
                    report.created,
                    report.updated,
                    report.categories,
                    report.catalogs,
                    report.images
                );
                Ok::<(), startup::StartError>(())
            }
            .await
        }
        Command::Organisation { name, members } => {
            async {
                let db = db::connect(&config.database_url).await?;
                db.migrate().await?;
                let accounts = server::accounts::AccountStore::new(db, Default::default());
                let now = server::basket::now();
                let id = accounts.create_organisation(&name, now).await?;
                for email in &members {
                    if !accounts.add_member(id, email).await? {
                        return Err(startup::StartError::Store(server::db::StoreError::Rejected(
                            format!("there is no account for {email}"),
                        )));
                    }
                }
                println!("organisation {name}: {} members added", members.len());
                Ok(())
            }
            .await
        }
        Command::Backup { path } => {
            async {
                let db = db::connect(&config.database_url).await?;
                server::db::backup(&db, &path).await?;
                println!("backed up to {}", path.display());
                Ok::<_, startup::StartError>(())
            }
            .await
        }
        Command::AuditStock => {
            let audit = async {
                let db = db::connect(&config.database_url).await?;
                Ok::<_, startup::StartError>(server::orders::audit_stock(&db).await?)
            }
            .await;
            match audit {
                Ok(audit) => {
                    for m in &audit.mismatches {
                        println!(
                            "{}: {} on hand, {} reserved, {} held by baskets and orders",
                            m.sku, m.stock_on_hand, m.reserved, m.held
                        );
                    }
                    println!(
                        "stock audit: {} variants, {} mismatches",
                        audit.variants,
                        audit.mismatches.len()
                    );
                    if !audit.mismatches.is_empty() {
                        return ExitCode::FAILURE;
                    }
                    Ok(())
                }
                Err(err) => Err(err),
            }
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(%err, "stopped with an error");
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
