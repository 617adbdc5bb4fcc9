#!/usr/bin/env bash
# Sets up the toolchain, then runs every suite: unit, property and doc tests,
# the HTTP API and crash-safety integration tests, the Debian package
# (scripts/test-deb.sh), and the end-to-end tests in Chromium (hydrated and
# with JavaScript off), then the Compute page's address check against network
# namespaces (scripts/e2e-netns.sh). Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup-toolchain.sh || { echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0
skipped=0
status=0
logdir=$(mktemp -d)

echo "== cargo test (unit, property, doc, API, crash, settings)"
# --no-fail-fast: a failing test binary does not keep the ones after it from
# running. Each binary's section of the log ends with its "test result:" line;
# one that ends without it crashed, and the tests it announced ("running N
# tests") but did not report are counted as failed: they could not run.
cargo test --features ssr --no-fail-fast 2>&1 | tee "$logdir/cargo.log"
cargo_status=${PIPESTATUS[0]}
[ "$cargo_status" -eq 0 ] || status=1
read -r p f i lost < <(awk '
  function close_section() {
    if (open && !reported) { lost += (announced > 0 ? announced - done : 1); passed += ok; failed += bad }
    open = 0
  }
  /^ *(Running|Doc-tests) / { close_section(); open = 1; reported = 0; announced = 0; done = 0; ok = 0; bad = 0; next }
  open && /^running [0-9]+ tests?$/ { announced = $2; next }
  open && /^test .* \.\.\. (ok|FAILED|ignored)/ { done++; if ($NF == "ok") ok++; if ($NF == "FAILED") bad++ }
  open && /test result: / {
    reported = 1
    match($0, /[0-9]+ passed/); passed += substr($0, RSTART, RLENGTH) + 0
    match($0, /[0-9]+ failed/); failed += substr($0, RSTART, RLENGTH) + 0
    match($0, /[0-9]+ ignored/); ignored += substr($0, RSTART, RLENGTH) + 0
  }
  END { close_section(); print passed + 0, failed + 0, ignored + 0, lost + 0 }
' "$logdir/cargo.log")
passed=$((passed + p)); failed=$((failed + f + lost)); skipped=$((skipped + i))
if [ "$lost" -gt 0 ]; then
  echo "cargo test: $lost tests could not run (their binary crashed); counted as failed"
fi
if [ "$cargo_status" -ne 0 ] && [ "$f" -eq 0 ] && [ "$lost" -eq 0 ]; then
  failed=$((failed + 1)) # it did not compile: count the suite as one failure
  echo "cargo test: failed without a failing test (it did not compile?); counted as one failure"
fi

port=${EDGENET_TEST_PORT:-3917}

echo "== Debian package (release build, dpkg -i, systemd-analyze verify, serve, upgrade, remove, purge)"
EDGENET_DEB_TEST_PORT=${EDGENET_DEB_TEST_PORT:-$((port + 2))} bash scripts/test-deb.sh 2>&1 | tee "$logdir/deb.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
if read -r p f < <(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$logdir/deb.log" | tail -n 1); then
  passed=$((passed + p)); failed=$((failed + f))
else
  failed=$((failed + 1)); status=1 # the script died before its summary
fi

echo "== end-to-end (Playwright + Chromium, hydrated and no-JS)"
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "port $port is in use; set EDGENET_TEST_PORT to a free port" >&2
  failed=$((failed + 1)); status=1
else
  data=$(mktemp -d)
  rm -rf end2end/test-results/results.json end2end/.auth
  # cargo-leptos builds the app, starts the server (with these variables) and runs `npx playwright test`.
  # Over HTTPS (the self-signed certificate the server makes), as a device serves it.
  # Without trials by default (the specs' own applies would each start one and
  # wait for it); trial.spec.ts asks for its trials per apply.
  LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_RELOAD_PORT=$((port + 1)) EDGENET_URL="https://127.0.0.1:$port" \
    EDGENET_DATA_DIR="$data" EDGENET_LOG=warn EDGENET_INITIAL_PASSWORD=Initial-Pass1 EDGENET_TRIAL_SECONDS=0 \
    cargo leptos end-to-end 2>&1 | tee "$logdir/e2e.log"
  e2e_status=${PIPESTATUS[0]}
  [ "$e2e_status" -eq 0 ] || status=1
  if [ -f end2end/test-results/results.json ]; then
    read -r p f s < <(node -e '
      const s = require("./end2end/test-results/results.json").stats;
      console.log(s.expected + s.flaky, s.unexpected, s.skipped);')
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    # Failed without a failing test (it did not build, the server died): one failure.
    if [ "$e2e_status" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
  else
    failed=$((failed + 1)); status=1
  fi
  rm -rf "$data"
fi

echo "== end-to-end on a real wire (network namespaces; the Compute page's address check)"
# The suite above runs the server as a dry run. Here a second server programs
# and probes namespaces that scripts/e2e-netns.sh makes (a LAN with a gateway,
# a DNS server and a host squatting on two of the ranges' addresses; nothing
# is joined to the host's own network), and end2end/tests/probe.spec.ts checks
# what the page shows, hydrated and with JavaScript off.
if [ "$(id -u)" -ne 0 ] || ! command -v ip >/dev/null || ! ip netns list >/dev/null 2>&1; then
  echo "not run: making network namespaces needs root and iproute2 (the dry-run spec above still ran)"
else
  ns="edgenet-e2e-$port"
  wport=$((port + 4))
  wdata=$(mktemp -d)
  wserver=""
  wire_down() {
    [ -n "$wserver" ] && kill "$wserver" 2>/dev/null && wait "$wserver" 2>/dev/null
    bash scripts/e2e-netns.sh down "$ns"
    rm -rf "$wdata"
  }
  trap wire_down EXIT
  bash scripts/e2e-netns.sh up "$ns"
  rm -rf end2end/test-results/results.json end2end/.auth
  # The debug build cargo-leptos made for the suite above.
  LEPTOS_SITE_ADDR="127.0.0.1:$wport" EDGENET_DATA_DIR="$wdata" EDGENET_LOG=warn \
    EDGENET_INITIAL_PASSWORD=Initial-Pass1 EDGENET_ROUTE_NAMESPACE="$ns" EDGENET_TRIAL_SECONDS=0 \
    target/debug/edgenet >"$logdir/wire-server.log" 2>&1 &
  wserver=$!
  (cd end2end && EDGENET_URL="https://127.0.0.1:$wport" EDGENET_ROUTE_NAMESPACE="$ns" \
    npx playwright test tests/auth.setup.ts tests/probe.spec.ts) 2>&1 | tee "$logdir/wire.log"
  wstatus=${PIPESTATUS[0]}
  if [ -f end2end/test-results/results.json ]; then
    read -r p f s < <(node -e '
      const s = require("./end2end/test-results/results.json").stats;
      console.log(s.expected + s.flaky, s.unexpected, s.skipped);')
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    if [ "$wstatus" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
  else
    failed=$((failed + 1))
  fi
  [ "$wstatus" -eq 0 ] || status=1
  wire_down
  trap - EXIT
fi

rm -rf "$logdir"
[ "$failed" -eq 0 ] || status=1
echo
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
