#!/usr/bin/env bash
# Shared setup steps. Each one installs a tool only when it is missing, so
# every command can call them freely. Only package registries are used.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

apt_install() {
  say "installing Debian packages: $*"
  if [ -z "${APT_UPDATED:-}" ]; then $SUDO apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

ensure_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown \
    || { say "adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }
}

ensure_cargo_leptos() {
  if ! cargo leptos --version 2>/dev/null | grep -q '0\.3\.10'; then
    say "installing cargo-leptos 0.3.10 (takes a while, once)"
    cargo install cargo-leptos@0.3.10 --locked
  fi
}

wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_wasm_bindgen() {
  local want; want="$(wasm_bindgen_version)"
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $want\$"; then
    say "installing wasm-bindgen-cli $want"
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_node() {
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
}

ensure_wasm_opt() {
  if ! command -v wasm-opt >/dev/null 2>&1; then
    ensure_node
    say "installing binaryen (wasm-opt)"
    $SUDO npm i -g binaryen >/dev/null
  fi
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_cargo_leptos
  ensure_wasm_bindgen
  ensure_wasm_opt
}

ensure_chromium() {
  [ -x /usr/bin/chromium ] || apt_install chromium
}

pg_bin_dir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

ensure_postgres() {
  pg_bin_dir >/dev/null || apt_install postgresql
  pg_bin_dir >/dev/null || { echo "PostgreSQL server binaries are missing" >&2; exit 1; }
}

ensure_e2e_packages() {
  ensure_node
  if [ ! -d "$ROOT/end2end/node_modules/@playwright/test" ] \
    || [ ! -d "$ROOT/end2end/node_modules/lighthouse" ]; then
    say "installing end-to-end test packages"
    (cd "$ROOT/end2end" && npm ci --no-audit --no-fund)
  fi
}

# Real servers the integration tests talk to: an S3-compatible store and an
# SMTP server that keeps what it receives.
ensure_s3_server() {
  command -v s3s-fs >/dev/null 2>&1 && return 0
  say "installing s3s-fs, an S3-compatible server for the tests"
  cargo install s3s-fs@0.14.1 --features binary
}

SMTP_VENV="$ROOT/target/tools/smtp"
ensure_smtp_server() {
  if ! "$SMTP_VENV/bin/python" -c 'import aiosmtpd' >/dev/null 2>&1; then
    say "installing aiosmtpd, an SMTP server for the tests"
    python3 -m venv "$SMTP_VENV" || { apt_install python3-venv; python3 -m venv "$SMTP_VENV"; }
    "$SMTP_VENV/bin/pip" install -q 'aiosmtpd>=1.4.6,<2'
  fi
  export STORE_TEST_PYTHON="$SMTP_VENV/bin/python"
}
