#!/usr/bin/env bash
# Sets up the toolchain, builds edgenet in release mode and serves it with the
# embedded defaults (Leptos.toml, the built-in six-port device profile) at
# https://127.0.0.1:3000 (a self-signed certificate; the initial password is
# printed in the log on first start). Extra arguments go to `cargo leptos serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup-toolchain.sh
exec cargo leptos serve --release --precompress "$@"
