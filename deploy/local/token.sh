#!/usr/bin/env bash
# Prints a development JWT signed with deploy/local's development key (LOCAL USE ONLY, see README.md).
#
#   deploy/local/token.sh --role coordinator[,admin] [--region 410182] [--sub alice] [--unit 区卫健局] [--hours 12] [--expired]
#   TOKEN=$(deploy/local/token.sh --role coordinator --region 410182)
#
# The first call compiles deploy/local and caches its class path under .local/ (Maven output goes to stderr).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cp_file="$ROOT/.local/local-stack.classpath"
classes="$ROOT/deploy/local/target/classes"
main_class="$classes/cn/tongyou/local/DevTokens.class"
source_file="$ROOT/deploy/local/src/main/java/cn/tongyou/local/DevTokens.java"

java_bin=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java_bin="$JAVA_HOME/bin/java"
fi

if [ ! -f "$main_class" ] || [ "$source_file" -nt "$main_class" ]; then
  (cd "$ROOT" && ./mvnw -q -B -pl deploy/local -DskipTests compile) >&2
fi
if [ ! -s "$cp_file" ] || [ "$ROOT/pom.xml" -nt "$cp_file" ] || [ "$ROOT/deploy/local/pom.xml" -nt "$cp_file" ]; then
  mkdir -p "$ROOT/.local"
  (cd "$ROOT" && ./mvnw -q -B -pl deploy/local dependency:build-classpath -DincludeScope=runtime \
      -Dmdep.outputFile="$cp_file") >&2
fi

# Java decodes its arguments with the locale's charset: keep a Chinese --unit intact under LANG=C
case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
  *UTF-8*|*utf8*|*UTF8*|*utf-8*) ;;
  *) export LC_ALL=C.UTF-8 ;;
esac

exec "$java_bin" -cp "$classes:$(cat "$cp_file")" cn.tongyou.local.DevTokens "$@"
