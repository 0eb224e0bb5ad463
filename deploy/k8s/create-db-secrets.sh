#!/usr/bin/env bash
# Creates the eight PostgreSQL role Secrets the manifests reference (base/postgres.yaml, managed roles; the services'
# Deployments) with random passwords, in the namespace given (tongyou-dev, tongyou, …). A Secret that already exists is
# left alone, so running it again never changes a password. Nothing is written to disk or printed.
#
#   deploy/k8s/create-db-secrets.sh tongyou-dev
#
# Each Secret: type kubernetes.io/basic-auth (what CloudNativePG's passwordSecret expects), keys username and password,
# label cnpg.io/reload=true (CloudNativePG applies a changed password without a restart). To rotate one: put a new
# password into the Secret, then `kubectl rollout restart deployment/<service>` (the services read it at start).
set -euo pipefail

namespace="${1:?usage: $0 <namespace>}"

for pair in facility-service:facility indicator-service:indicator task-service:task reporting-service:reporting; do
  service="${pair%%:*}"
  schema="${pair##*:}"
  for kind in owner app; do
    secret="$service-db-$kind"
    if kubectl -n "$namespace" get secret "$secret" >/dev/null 2>&1; then
      echo "$secret exists, left as it is"
      continue
    fi
    # 32 random bytes, URL-safe base64 without padding: no character a JDBC URL or a shell would need to escape
    password="$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    kubectl -n "$namespace" create secret generic "$secret" --type=kubernetes.io/basic-auth \
      --from-literal=username="${schema}_$kind" --from-literal=password="$password" \
      --dry-run=client -o yaml \
      | kubectl label --local -f - cnpg.io/reload=true -o yaml \
      | kubectl -n "$namespace" apply -f - >/dev/null
    echo "$secret created (role ${schema}_$kind)"
  done
done
