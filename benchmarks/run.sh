#!/usr/bin/env bash
# The benchmark command of issue 16: every hot path of the platform beside its floor (the same SQL through pgbench, a
# minimal Quarkus app, …), product and anchor alternated, in one run and one Markdown table.
#
#   benchmarks/run.sh [--no-build] [--keep] [--hold] [--list] [scenario …]
#
#   --no-build   use what target/ holds (the services' runner jars, the minimal app, the benchmark classes)
#   --keep       reuse benchmarks/target/stack (PostgreSQL and Kafka data) instead of starting from empty
#   --list       print the scenarios in the order they run
#   --hold       keep the stack up after the table (addresses, psql command and a token on stderr) until Ctrl-C
#   scenario …   run only these (e.g. benchmarks/run.sh get-by-id); the stack and its demo data come up anyway
#
# Installs wrk and pgbench if missing (deploy/tools/ensure-packages.sh bench: Debian's apt-get, root or sudo). The
# table goes to stdout and to benchmarks/target/bench-<UTC time>.md, progress to stderr. Durations:
# BENCH_WARMUP_SECONDS (60), BENCH_ROUND_SECONDS (10), BENCH_ROUNDS (3). The services run with the JVM options the local
# stack gives them (CFC_SERVICE_JAVA_OPTS). What each line means: benchmarks/README.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"

launcher=benchmarks/run.sh
# shellcheck source=../deploy/tools/java17.sh
. "$ROOT/deploy/tools/java17.sh"

build=true
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    *) args+=("$arg") ;;
  esac
done

deploy/tools/ensure-packages.sh bench >&2

cp_file="$ROOT/benchmarks/target/benchmarks.classpath"
if $build; then
  echo "Building the services, the benchmark and the minimal app (package, no tests; the local repository is not touched) ..." >&2
  # package, not install: the reactor resolves local-stack and common from their target/ directories, and the class
  # path file written by this same reactor run points there
  ./mvnw -B -ntp -q -DskipTests package org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -DincludeScope=runtime \
    -Dmdep.outputFile=target/benchmarks.classpath \
    -pl common,deploy/local,facility-service,indicator-service,task-service,reporting-service,benchmarks -am >&2
  ./mvnw -B -ntp -q -DskipTests -f benchmarks/minimal-app/pom.xml package >&2
fi
if [ ! -s "$cp_file" ] || [ ! -d benchmarks/target/classes/cn/tongyou/bench ]; then
  echo "benchmarks/run.sh: the benchmark is not built; run without --no-build." >&2
  exit 1
fi

# shellcheck disable=SC2086  # BENCH_JAVA_OPTS holds several options
exec "$java_bin" ${BENCH_JAVA_OPTS:-} -Dcfc.repo.dir="$ROOT" \
  -cp "$ROOT/benchmarks/target/classes:$(cat "$cp_file")" \
  cn.tongyou.bench.BenchmarkMain ${args[@]+"${args[@]}"}
