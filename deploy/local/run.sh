#!/usr/bin/env bash
# Runs the whole platform on this machine, in one command: PostgreSQL (data kept in .local/pgdata), a Kafka broker
# (data kept in .local/kafka), every service module that builds, demonstration data, and a summary with the URLs and a
# ready-to-copy curl command. Needs only a JDK 17+ (Maven comes through ./mvnw). Ctrl-C stops everything.
#
#   deploy/local/run.sh [--no-build] [--infra-only] [--no-demo-data] [--all-villages]
#
#   --no-build      skip ./mvnw install (use what target/ holds)
#   --infra-only    PostgreSQL and Kafka only (to run a service with ./mvnw quarkus:dev against them)
#   --no-demo-data  do not load the demonstration data
#   --all-villages  load all 620,573 villages of villages.csv on the first run (about 2 minutes), not only the 3,058
#                   of the five plan regions (also CFC_LOCAL_ALL_VILLAGES=true)
# Ports and more: deploy/local/README.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT="$(pwd)"

launcher=run.sh
# shellcheck source=../tools/java17.sh
. "$ROOT/deploy/tools/java17.sh"

build=true
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    *) args+=("$arg") ;;
  esac
done

mkdir -p .local
if $build; then
  echo "Building the platform (./mvnw -q -B -DskipTests install; the first time downloads Maven and the dependencies) ..."
  ./mvnw -q -B -DskipTests install
fi

# the launcher's runtime class path, computed once and kept until a pom changes
cp_file="$ROOT/.local/local-stack.classpath"
if [ ! -s "$cp_file" ] || [ pom.xml -nt "$cp_file" ] || [ deploy/local/pom.xml -nt "$cp_file" ]; then
  ./mvnw -q -B -pl deploy/local dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$cp_file"
fi
if [ ! -f deploy/local/target/classes/cn/tongyou/local/LocalStack.class ]; then
  echo "run.sh: deploy/local is not compiled; run without --no-build." >&2
  exit 1
fi

# shellcheck disable=SC2086  # JAVA_OPTS holds several options
exec "$java_bin" ${JAVA_OPTS:-} -Dcfc.repo.dir="$ROOT" \
  -cp "$ROOT/deploy/local/target/classes:$(cat "$cp_file")" \
  cn.tongyou.local.LocalStack ${args[@]+"${args[@]}"}
