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
