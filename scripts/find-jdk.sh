# Sourced (POSIX sh) by ./netemu, ./mvnw and .ci/run: sets NETEMU_JDK to the newest JDK >= 21
# found, or explains what is missing. Looks at $NETEMU_JAVA_HOME, $JAVA_HOME, /usr/lib/jvm/*,
# /opt/java/*, /usr/local/lib/jvm/* and the java on PATH.
netemu_jdk_major() {
  "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\)[."].*/\1/p' | head -n 1
}
netemu_find_jdk() {
  netemu_best="" ; netemu_best_major=0
  netemu_path_java=""
  if command -v java >/dev/null 2>&1; then
    netemu_path_java=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  fi
  for netemu_home in "${NETEMU_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/* "$netemu_path_java"; do
    [ -n "$netemu_home" ] && [ -x "$netemu_home/bin/java" ] && [ -x "$netemu_home/bin/javac" ] || continue
    netemu_major=$(netemu_jdk_major "$netemu_home")
    [ -n "$netemu_major" ] || continue
    if [ "$netemu_major" -ge 21 ] && [ "$netemu_major" -gt "$netemu_best_major" ]; then
      netemu_best="$netemu_home"; netemu_best_major=$netemu_major
    fi
  done
  if [ -z "$netemu_best" ]; then
    echo "netemu: no JDK 21 or newer found (looked at \$NETEMU_JAVA_HOME, \$JAVA_HOME, /usr/lib/jvm/*, and java on PATH)." >&2
    echo "netemu: install one, e.g. 'apt-get install openjdk-21-jdk-headless' (or Temurin 25), or set NETEMU_JAVA_HOME." >&2
    return 1
  fi
  NETEMU_JDK="$netemu_best"
}
