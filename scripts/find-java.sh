# Sourced by ./dbt and ./run-tests: sets JAVA_HOME to a Java 25 or fails with a clear message.
find_java25() {
    local c
    for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*; do
        # The JDK's release file names its version: reading it costs nothing, running java -version a JVM start.
        if [ -n "$c" ] && [ -x "$c/bin/java" ] && [ -f "$c/release" ] && [[ "$(<"$c/release")" == *'JAVA_VERSION="25'* ]]; then
            echo "$c"
            return 0
        fi
    done
    return 1
}
JAVA_HOME="$(find_java25)" || { echo "dbt: needs Java 25: install Temurin 25 or set JAVA_HOME" >&2; exit 1; }
export JAVA_HOME
