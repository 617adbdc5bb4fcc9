#!/usr/bin/env bash
# The performance budget, measured: builds the release app, serves it over
# HTTPS with a fresh data directory, and measures
#   - bytes over the wire and time to hydration of the Compute page (Chromium),
#     and moving to it from the Overview with JavaScript on (no reload),
#   - the WebAssembly module's size by crate (twiggy),
#   - server rendering of the Compute page against a small static file (wrk),
#   - validation of configurations with 10 to 10,000 routes (criterion),
#   - saves from 50 concurrent clients (no lost update, latency),
#   - the server killed during saves EDGENET_BENCH_CRASH_ROUNDS times (default
#     1000; about 8 minutes; 0 skips it): no acknowledged save lost,
# then writes BENCHMARKS.md from these figures. Takes about 20 minutes.
# `scripts/bench.sh crash` runs only the crash test and updates its figures.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

rounds=${EDGENET_BENCH_CRASH_ROUNDS:-1000}
# The crash test's closing line into DIR/crash.txt.
crash_test() {
  echo "== the server killed during saves, $rounds times"
  EDGENET_CRASH_ROUNDS=$rounds cargo test --features ssr --test crash -- --nocapture 2>&1 \
    | grep '^crash test:' >"$1/crash.txt" || { echo "bench: the crash test failed" >&2; exit 1; }
  cat "$1/crash.txt"
}

# `scripts/bench.sh crash`: only the crash test, into the BENCHMARKS.md there is.
if [ "${1:-}" = crash ]; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
  crash_test "$out"
  node scripts/bench-report.mjs --crash-only "$out" <BENCHMARKS.md >"$out/BENCHMARKS.md"
  cp "$out/BENCHMARKS.md" BENCHMARKS.md
  echo "== updated BENCHMARKS.md (crash figures only)"
  exit 0
fi

bash scripts/setup-toolchain.sh
if ! command -v wrk >/dev/null; then
  echo "bench: apt: wrk"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi

out=$(mktemp -d)
data=$(mktemp -d)
port=${EDGENET_BENCH_PORT:-3950}
initial="Initial-Pass1"
password="Bench-Pass-2026"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$data" "$out"; }
trap cleanup EXIT

echo "== release build (wasm-opt -Oz, precompressed brotli + gzip, hashed file names)"
cargo leptos build --release --precompress 2>&1 | tail -n 3

echo "== twiggy: the WebAssembly module by crate"
command -v twiggy >/dev/null || cargo install --locked twiggy
twiggy top -f json target/front/wasm32-unknown-unknown/wasm-release/edgenet.wasm \
  | node scripts/wasm-crates.mjs >"$out/wasm-crates.json"

echo "== serving https://127.0.0.1:$port"
EDGENET_DATA_DIR="$data" LEPTOS_SITE_ADDR="127.0.0.1:$port" EDGENET_INITIAL_PASSWORD="$initial" EDGENET_TRIAL_SECONDS=0 \
  EDGENET_LOG=warn target/release/edgenet >"$out/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do
  curl -ksf "https://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.2
done

echo "== Chromium: bytes over the wire, time to hydration"
(cd end2end && node bench.mjs "https://127.0.0.1:$port" "$initial" "$password" 20) >"$out/browser.json"
cookie=$(node -e 'console.log(require(process.argv[1]).cookie)' "$out/browser.json")

# The page must really render (200, the Compute heading), not redirect to the sign-in page.
check=$(curl -ks -H "Cookie: $cookie" -w '\n%{http_code} %{size_download}' "https://127.0.0.1:$port/compute")
echo "$check" | tail -n 1 >"$out/page-check.txt"
echo "$check" | grep -q '<h1>Compute<' || { echo "bench: /compute did not render for the session" >&2; exit 1; }
[ "$(cut -d' ' -f1 "$out/page-check.txt")" = 200 ] || { echo "bench: /compute answered $(cat "$out/page-check.txt")" >&2; exit 1; }

echo "== wrk: server-rendered Compute page vs a small static file (keep-alive, 10 s each)"
wrk -t2 -c16 -d10s --latency -H "Cookie: $cookie" "https://127.0.0.1:$port/compute" >"$out/wrk-page.txt"
wrk -t2 -c16 -d10s --latency "https://127.0.0.1:$port/favicon.svg" >"$out/wrk-static.txt"
kill "$server"; wait "$server" 2>/dev/null || true; server=""

echo "== wrk: the same page rendered anew for every request (page cache off)"
EDGENET_DATA_DIR="$data" LEPTOS_SITE_ADDR="127.0.0.1:$port" EDGENET_PAGE_CACHE=off EDGENET_TRIAL_SECONDS=0 \
  EDGENET_LOG=warn target/release/edgenet >>"$out/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do
  curl -ksf "https://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.2
done
# Sessions live in memory: sign in again (the password is the changed one).
cookie=$(curl -ks -D - -o /dev/null -H 'content-type: application/json' \
  -d "{\"password\":\"$password\"}" "https://127.0.0.1:$port/api/v1/session" \
  | sed -n 's/^set-cookie: \([^;]*\).*/\1/ip' | tr -d '\r')
wrk -t2 -c16 -d10s --latency -H "Cookie: $cookie" "https://127.0.0.1:$port/compute" >"$out/wrk-page-uncached.txt"
kill "$server"; wait "$server" 2>/dev/null || true; server=""

echo "== criterion: validation with 10 to 10,000 routes"
cargo bench --bench validate -- --warm-up-time 1 --measurement-time 3 2>&1 | grep -E "^validate|time:" || true
for n in 10 100 1000 10000; do
  cp "target/criterion/validate/$n/new/estimates.json" "$out/validate-$n.json"
done

echo "== 50 concurrent clients saving"
cargo bench --features ssr --bench saves 2>/dev/null | tail -n 1 >"$out/saves.json"

[ "$rounds" -gt 0 ] && crash_test "$out"

# Into a file of its own first: the report reads the BENCHMARKS.md there is
# (for the crash figures of an earlier run), which `>` would empty first.
node scripts/bench-report.mjs "$out" >"$out/BENCHMARKS.md"
cp "$out/BENCHMARKS.md" BENCHMARKS.md
echo "== wrote BENCHMARKS.md"
grep -m 12 -E "^\| " BENCHMARKS.md
