#!/usr/bin/env bash
# The Debian package, end to end, on this machine (as root, or with sudo):
# builds it (scripts/package-deb.sh), installs it with dpkg -i, checks the
# unit with systemd-analyze verify, starts the installed binary with the
# installed configuration as the edgenet user (directly: no systemd needs to
# run) and fetches the sign-in page, reinstalls it as an upgrade (the data and
# the password stay), stops it with SIGTERM (exit 0), removes it (the data
# stays) and purges it (the data goes). Ends with "N passed, N failed".
#
# EDGENET_DEB_TEST_PORT: the port the installed server listens on (default 3919).
# EDGENET_DEB_SKIP_BUILD=1: package the release build already in target/.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

port=${EDGENET_DEB_TEST_PORT:-3919}
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
passed=0
failed=0
work=$(mktemp -d)
server=""

check() { # check "what" command...: one test
  local what=$1
  shift
  if "$@" >"$work/out" 2>&1; then
    passed=$((passed + 1))
    echo "ok     $what"
  else
    failed=$((failed + 1))
    echo "FAILED $what"
    sed 's/^/       /' "$work/out" | tail -20
  fi
}

finish() {
  [ -n "$server" ] && $SUDO kill "$server" 2>/dev/null
  if dpkg -s edgenet >/dev/null 2>&1; then $SUDO dpkg -P edgenet >/dev/null 2>&1; fi
  rm -rf "$work"
  echo
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}

echo "== Debian package"
if ! deb=$(bash scripts/package-deb.sh | tail -1) || [ ! -f "$deb" ]; then
  failed=$((failed + 1))
  echo "FAILED building the package (scripts/package-deb.sh)"
  finish
fi
passed=$((passed + 1))
echo "ok     built $deb"

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "port $port is in use; set EDGENET_DEB_TEST_PORT to a free port" >&2
  failed=$((failed + 1))
  finish
fi

# A left-over install from an interrupted run would hide what this one does.
if dpkg -s edgenet >/dev/null 2>&1; then $SUDO dpkg -P edgenet >/dev/null; fi

check "dpkg -i installs it" $SUDO dpkg -i "$deb"
check "the files are where the README says" test -x /usr/bin/edgenet -a -f /usr/share/edgenet/hash.txt \
  -a -d /usr/share/edgenet/pkg -a -f /etc/edgenet/Leptos.toml -a -f /lib/systemd/system/edgenet.service
check "a system user edgenet owns /var/lib/edgenet" \
  bash -c 'getent passwd edgenet && [ "$(stat -c %U /var/lib/edgenet)" = edgenet ]'
check "the configuration is a conffile" bash -c 'dpkg-query -W -f="\${Conffiles}" edgenet | grep -q /etc/edgenet/Leptos.toml'
check "systemd-analyze verify accepts the unit" systemd-analyze verify /lib/systemd/system/edgenet.service

# As the unit runs it: the edgenet user, the installed configuration, CAP_NET_ADMIN only.
caps=(--inh-caps=-all,+net_admin --ambient-caps=-all,+net_admin --bounding-set=-all,+net_admin)
if ! $SUDO setpriv --reuid=nobody --regid=nogroup --clear-groups "${caps[@]}" true 2>/dev/null; then
  echo "note: CAP_NET_ADMIN cannot be given here (a container without it): the server runs with no capabilities"
  caps=(--inh-caps=-all --bounding-set=-all)
fi
start() {
  $SUDO setpriv --reuid=edgenet --regid=edgenet --init-groups "${caps[@]}" --no-new-privs \
    env EDGENET_LOG=info /usr/bin/edgenet serve --config /etc/edgenet/Leptos.toml \
    --listen "127.0.0.1:$port" >>"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do
    curl -sk "https://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$server" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}
stop() { # SIGTERM, as systemd's stop; the server must exit 0
  local pid=$server
  server=""
  $SUDO kill -TERM "$pid" && wait "$pid"
}

check "the installed server starts as edgenet with the installed configuration" start
check "it serves the sign-in page over HTTPS" \
  bash -c "curl -sk 'https://127.0.0.1:$port/signin' | grep -q 'name=\"password\"'"
check "GET /healthz is healthy" bash -c "curl -sk 'https://127.0.0.1:$port/healthz' | grep -q '\"status\":\"ok\"'"
check "its data is in /var/lib/edgenet, owned by edgenet" \
  bash -c '[ "$(stat -c %U /var/lib/edgenet/auth.toml)" = edgenet ]'
check "SIGTERM stops it with exit code 0" stop
sum_before=$(sha256sum /var/lib/edgenet/auth.toml 2>/dev/null)

check "dpkg -i again (an upgrade) keeps the data and the password" \
  bash -c "$SUDO dpkg -i '$deb' && [ \"\$(sha256sum /var/lib/edgenet/auth.toml)\" = '$sum_before' ]"
check "the upgraded server starts again" start
check "SIGTERM stops it again with exit code 0" stop

check "dpkg -r removes the program" bash -c "$SUDO dpkg -r edgenet && [ ! -e /usr/bin/edgenet ]"
check "removal keeps /var/lib/edgenet" test -f /var/lib/edgenet/auth.toml
check "dpkg -P purges /var/lib/edgenet and the user" \
  bash -c "$SUDO dpkg -P edgenet && [ ! -e /var/lib/edgenet ] && ! getent passwd edgenet"

if [ "$failed" -gt 0 ] && [ -f "$work/server.log" ]; then
  echo "--- server log"
  tail -20 "$work/server.log"
fi
finish
