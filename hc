#!/usr/bin/env bash
# Human Chat Desk: one entry point for developers.
#   ./hc desk         build and start the desk on its embedded defaults (H2 file database in the data folder)
#   ./hc server       build and start the headless server (no window; meant for PostgreSQL shared with desks)
#   ./hc test         build everything and run all tests (what .ci/run runs, under xvfb-run)
#   ./hc bench        run the benchmarks and print their figures (see docs/BENCHMARKS.md)
#   ./hc screenshots  launch the desk under Xvfb with demo data and save screenshots of the main flow
#   ./hc gen-target   re-pin the Eclipse platform in releng/humanchat.target (only to bump the platform)
# Extra arguments go to Maven (test, bench), to the desk (desk) or to the server (server).
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
source releng/env.sh

product="$root/product/target/products/org.humanchat.desk.product/linux/gtk/x86_64"
server="$root/product/target/products/org.humanchat.server.product/linux/gtk/x86_64"
command=${1:-help}
[ $# -gt 0 ] && shift

case "$command" in
  desk)
    "$HC_MVN" -B -q verify -DskipTests
    exec "$product/humanchat" "$@"
    ;;
  server)
    "$HC_MVN" -B -q verify -DskipTests
    exec "$server/humanchat-server" "$@"
    ;;
  test)
    exec "$HC_MVN" -B verify "$@"
    ;;
  bench)
    exec "$HC_MVN" -B verify -Pbench "$@"
    ;;
  screenshots)
    exec releng/screenshots.sh "$@"
    ;;
  gen-target)
    exec python3 releng/target-gen/generate.py
    ;;
  *)
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
    [ "$command" = help ] || exit 2
    ;;
esac
