# Sourced by the launch scripts (humanchat, humanchat-server): sets java_bin to a Java 21+ runtime, from JAVA_HOME,
# else the newest under /usr/lib/jvm, else `java`; exits with a message when there is none.

# The version from the JDK's release file when there is one (starting a JVM only to ask costs a tenth of a second).
java_major() {
  local release
  release="$(dirname "$1")/../release"
  if [ -f "$release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
  else
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
  fi
}
java_bin=""
for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV) $(command -v java || true); do
  if [ -x "$candidate" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then java_bin=$candidate; break; fi
done
if [ -z "$java_bin" ]; then
  echo "Human Chat needs Java 21 or newer: set JAVA_HOME or install one (Debian: apt-get install openjdk-21-jre)." >&2
  exit 1
fi

# The launch options both scripts take, each also an environment variable (the option wins):
#   --data DIR      HUMANCHAT_DATA   the data folder
#   --port N        HUMANCHAT_PORT   the endpoint's port (0: a free one)
#   --host ADDRESS  HUMANCHAT_HOST   the endpoint's bind address (0.0.0.0: every interface)
# Port and host win over the data folder's etc/org.humanchat.endpoint.cfg. Sets hc_data (empty: the script's
# default), hc_props (-D options for the JVM) and hc_rest (the other arguments, for the OSGi launcher).
hc_launch_options() {
  hc_data=${HUMANCHAT_DATA:-}
  local port=${HUMANCHAT_PORT:-} host=${HUMANCHAT_HOST:-} option value
  hc_rest=()
  while [ $# -gt 0 ]; do
    option=$1
    case "$option" in
      --data=*|--port=*|--host=*) value=${option#*=}; option=${option%%=*}; shift ;;
      --data|--port|--host)
        if [ $# -lt 2 ]; then echo "error: $option needs a value (see --help)" >&2; exit 2; fi
        value=$2; shift 2 ;;
      --help|-h) hc_usage; exit 0 ;;
      *) hc_rest+=("$1"); shift; continue ;;
    esac
    case "$option" in
      --data) hc_data=$value ;;
      --port) port=$value ;;
      --host) host=$value ;;
    esac
  done
  if [ -n "$port" ] && { ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$port" -gt 65535 ]; }; then
    echo "error: the port must be a number from 0 to 65535, not '$port' (--port or HUMANCHAT_PORT)" >&2
    exit 2
  fi
  if [ -n "$host" ] && ! [[ "$host" =~ ^[0-9A-Za-z.:_-]+$ ]]; then
    echo "error: '$host' is not an address or host name (--host or HUMANCHAT_HOST)" >&2
    exit 2
  fi
  hc_props=()
  if [ -n "$port" ]; then hc_props+=("-Dhumanchat.endpoint.port=$port"); fi
  if [ -n "$host" ]; then hc_props+=("-Dhumanchat.endpoint.host=$host"); fi
}

hc_usage() {
  cat <<USAGE
Usage: $(basename "$0") [--data DIR] [--port N] [--host ADDRESS]
  --data DIR      the data folder (HUMANCHAT_DATA); default $hc_default_data
  --port N        the endpoint's port (HUMANCHAT_PORT); default 8737, 0 picks a free one
  --host ADDRESS  the endpoint's bind address (HUMANCHAT_HOST); default 127.0.0.1, 0.0.0.0 for every interface
Both win over <data folder>/etc/org.humanchat.endpoint.cfg. More settings: README.md, "Configure".
USAGE
}
