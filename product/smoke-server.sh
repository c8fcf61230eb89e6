#!/usr/bin/env bash
# Smoke test of the materialized headless server (run by Maven in product's verify phase, skipped with -DskipTests):
# starts it on an H2 database in target/, waits until the store is ready and the endpoint answers GET /health,
# then stops it with SIGTERM. Fails with the server's log when any of that does not happen within a minute.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
server="$here/target/products/org.humanchat.server.product/linux/gtk/x86_64/humanchat-server"
data="$here/target/smoke-server"
log="$here/target/smoke-server.log"
rm -rf "$data"
HUMANCHAT_DATA="$data" HUMANCHAT_VMARGS="-Xmx256m" "$server" >"$log" 2>&1 &
pid=$!
fail() { echo "server smoke test FAILED: $1; its log ($log):" >&2; cat "$log" >&2; kill "$pid" 2>/dev/null || true; exit 1; }
for _ in $(seq 1 120); do
  grep -qs "Conversation store ready" "$log" && grep -q -E "Endpoint listening on|The endpoint is not running" "$log" && break
  kill -0 "$pid" 2>/dev/null || fail "the server exited"
  sleep 0.5
done
grep -q "Conversation store ready" "$log" || fail "the store did not open within a minute"
url=$(sed -n 's/.*Endpoint listening on http:\/\/\([^/]*\)\/.*/\1/p' "$log" | head -n 1)
if [ -n "$url" ]; then
  host=${url%:*}
  port=${url##*:}
  exec 3<>"/dev/tcp/$host/$port"
  printf 'GET /health HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$url" >&3
  answer=$(cat <&3)
  exec 3>&-
  echo "$answer" | grep -q '"status":"up"' || fail "GET /health answered: $answer"
  echo "server smoke test: store ready, GET http://$url/health is up"
else
  # Only one reason not to listen is accepted: another program (a desk, say) has the default port, the server said
  # so, and something does listen there. Any other failure to start the endpoint fails the smoke test.
  said=$(grep -m1 'The endpoint is not running' "$log" || true)
  echo "$said" | grep -q "cannot listen on 127.0.0.1:8737" || fail "the endpoint did not start: ${said:-no word of it}"
  (exec 3<>/dev/tcp/127.0.0.1/8737) 2>/dev/null \
    || fail "the endpoint said its port 127.0.0.1:8737 is taken, but nothing listens there"
  echo "server smoke test: store ready; port taken by another program, the server said: $said"
fi
kill -TERM "$pid"
for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
if kill -0 "$pid" 2>/dev/null; then
  kill -9 "$pid"
  fail "it did not stop within 10 s of SIGTERM"
fi
