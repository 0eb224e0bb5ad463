# Sourced by the launchers (deploy/local/run.sh, benchmarks/run.sh): sets java_bin to $JAVA_HOME/bin/java or the
# java on the PATH and stops with a clear message when there is none or it is older than Java 17. The caller names
# itself in the messages through $launcher.
java_bin=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java_bin="$JAVA_HOME/bin/java"
fi
if ! command -v "$java_bin" >/dev/null 2>&1; then
  echo "$launcher: no Java found. Install a JDK 17 or newer and put it on the PATH (or set JAVA_HOME)." >&2
  exit 1
fi
java_version=$("$java_bin" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
java_major=${java_version#1.}
java_major=${java_major%%.*}
if [ -z "$java_major" ] || [ "$java_major" -lt 17 ]; then
  echo "$launcher: Java 17 or newer is needed; $java_bin is Java ${java_version:-unknown}. Set JAVA_HOME to a JDK 17+." >&2
  exit 1
fi
