# Sourced by ./dbt and ./run-tests: sets JAVA_HOME to a Java 25 or fails with a clear message. Without a subshell
# or another program: each process started costs milliseconds of every dbt run's start-up.
find_java25() {
    local c line
    for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*; do
        # The JDK's release file names its version: reading it costs nothing, running java -version a JVM start.
        [ -n "$c" ] && [ -x "$c/bin/java" ] && [ -f "$c/release" ] || continue
        while IFS= read -r line; do
            if [[ "$line" == 'JAVA_VERSION="25'* ]]; then
                JAVA_HOME="$c"
                return 0
            fi
        done < "$c/release"
    done
    return 1
}
find_java25 || { echo "dbt: needs Java 25: install Temurin 25 or set JAVA_HOME" >&2; exit 1; }
export JAVA_HOME
