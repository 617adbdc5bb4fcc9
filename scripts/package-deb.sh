#!/usr/bin/env bash
# Builds the Debian package of the release server and its site:
# `cargo leptos build --release --precompress`, then `cargo deb --no-build`
# (layout in Cargo.toml's [package.metadata.deb] and debian/). Prints the
# .deb's path on its last line. EDGENET_DEB_SKIP_BUILD=1 packages the
# release build already in target/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# cargo-leptos and cargo-deb both work in ./target.
unset CARGO_TARGET_DIR

if [ "${EDGENET_DEB_SKIP_BUILD:-0}" != 1 ]; then
  cargo leptos build --release --precompress >&2
fi
for f in target/release/edgenet target/release/hash.txt target/site/pkg; do
  [ -e "$f" ] || { echo "package-deb: $f is missing: the release build did not finish" >&2; exit 1; }
done
mkdir -p target/debian
rm -f target/debian/edgenet_*.deb
cargo deb --no-build --output target/debian/ >&2
ls target/debian/edgenet_*.deb
