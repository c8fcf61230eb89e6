# Sourced by ./hc and .ci/run: picks a JDK >= 21 and a Maven >= 3.9, bootstrapping Maven
# from the system `mvn` when needed. Downloads live outside the clone (~/.cache, ~/.m2)
# so that repeated runs, and CI runs on the same machine, reuse them.

HC_MAVEN_VERSION=3.9.11
HC_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/humanchat"

hc_java_major() { # prints the feature version of the java in $1/bin, or nothing
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

hc_pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] \
     && [ "$(hc_java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/*/; do
    dir=${dir%/}
    [ -x "$dir/bin/javac" ] || continue
    major=$(hc_java_major "$dir")
    [ -n "$major" ] || continue
    if [ "$major" -gt "$best_major" ]; then best=$dir; best_major=$major; fi
  done
  if [ "$best_major" -lt 21 ]; then
    echo "error: Human Chat Desk needs a JDK 21 or newer." >&2
    echo "       Set JAVA_HOME to one, or install one under /usr/lib/jvm (Debian: apt-get install openjdk-21-jdk-headless, or a Temurin JDK)." >&2
    return 1
  fi
  export JAVA_HOME=$best
}

hc_pick_maven() {
  local home="$HC_CACHE/apache-maven-$HC_MAVEN_VERSION"
  if [ ! -x "$home/bin/mvn" ]; then
    if ! command -v mvn >/dev/null; then
      echo "error: no 'mvn' found to bootstrap Maven $HC_MAVEN_VERSION (Debian: apt-get install maven)." >&2
      return 1
    fi
    echo "Bootstrapping Maven $HC_MAVEN_VERSION into $HC_CACHE ..." >&2
    mkdir -p "$HC_CACHE"
    # Run outside the clone: its .mvn/extensions.xml (Tycho) needs the newer Maven being fetched here.
    (cd "$HC_CACHE" && mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
      -Dartifact="org.apache.maven:apache-maven:$HC_MAVEN_VERSION:zip:bin" \
      -DoutputDirectory="$HC_CACHE" -Dmdep.overWriteReleases=true) >&2 || {
        echo "error: could not fetch Maven $HC_MAVEN_VERSION with the system mvn." >&2; return 1; }
    chmod +x "$home/bin/mvn"
  fi
  HC_MVN="$home/bin/mvn"
  if [ "$(hc_java_major "$JAVA_HOME")" -ge 24 ]; then
    # Maven 3.9 still touches sun.misc.Unsafe: keep JDK 24+ from warning on every run.
    export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
  fi
}

hc_pick_jdk && hc_pick_maven && export PATH="$JAVA_HOME/bin:$PATH"
