#!/usr/bin/env bash
# Installs what building and testing edgenet needs, each only when missing:
# Debian's chromium (and iproute2, and a Japanese font), the wasm32 target, wasm-bindgen-cli at the
# exact version in Cargo.lock, cargo-leptos, binaryen's wasm-opt from npm, and
# the end2end npm packages, and for the Debian package cargo-deb and
# systemd-analyze (Debian's systemd package; it need not run). Safe to run
# again: a second run installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.11
BINARYEN_VERSION=132.0.0
CARGO_DEB_VERSION=3.8.0
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1;34msetup:\033[0m %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

apt_packages=()
have chromium || [ -x /usr/bin/chromium ] || apt_packages+=(chromium)
have ip || apt_packages+=(iproute2)
have nft || apt_packages+=(nftables)
have node || apt_packages+=(nodejs)
have npm || apt_packages+=(npm)
have cc || apt_packages+=(build-essential)
have pkg-config || apt_packages+=(pkg-config)
have systemd-analyze || apt_packages+=(systemd)
# Debian's chromium brings no Japanese font: without one, Japanese pages render
# as boxes and their screenshots and geometry checks measure nothing real.
{ have fc-list && [ -n "$(fc-list :lang=ja family 2>/dev/null)" ]; } || apt_packages+=(fonts-noto-cjk fontconfig)
if [ ${#apt_packages[@]} -gt 0 ]; then
  say "apt: ${apt_packages[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi

if ! have rustup; then
  echo "setup: rustup is needed (https://rustup.rs); install it and run again" >&2
  exit 1
fi
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup: wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
wbg_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wbg_version" ]; then
  say "cargo: wasm-bindgen-cli $wbg_version"
  cargo install wasm-bindgen-cli --version "$wbg_version" --force
fi

# cargo-leptos's lockfile needs a newer compiler than some stable toolchains:
# build it with nightly (installed through rustup when absent).
if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
  if ! rustup toolchain list | grep -q '^nightly'; then
    say "rustup: nightly toolchain (to build cargo-leptos)"
    rustup toolchain install nightly --profile minimal
  fi
  say "cargo: cargo-leptos $CARGO_LEPTOS_VERSION (no_downloads: tools come from PATH)"
  CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo +nightly install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads --force
fi

# cargo-deb builds the Debian package (scripts/package-deb.sh).
if [ "$(cargo deb --version 2>/dev/null | awk '{print $NF}')" != "$CARGO_DEB_VERSION" ]; then
  say "cargo: cargo-deb $CARGO_DEB_VERSION"
  cargo install cargo-deb --version "$CARGO_DEB_VERSION" --locked --force
fi

# wasm-opt from npm's binaryen (Debian's binaryen 108 breaks the module in the browser).
if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "${BINARYEN_VERSION%%.*}" ]; then
  say "npm: binaryen@$BINARYEN_VERSION (wasm-opt)"
  $SUDO npm install -g --no-audit --no-fund "binaryen@$BINARYEN_VERSION" >/dev/null
fi

# Playwright's own browser download is never used: the tests drive Debian's chromium.
if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  say "npm: end2end packages"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >/dev/null)
fi
say "toolchain ready"
