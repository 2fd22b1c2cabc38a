#!/usr/bin/env sh
# Sustained-load benchmark of the local stack (not part of `mvn verify`): XML batches and JSON creates over
# loopback HTTP for a fixed time, beside the lifecycle routes (GET, PUT, DELETE of one credential in both APIs, both
# listings) on credentials each worker owns; then a check that the table holds exactly what the answers reported
# (created and not deleted; the JSON PUTs' last ports).
#
#   infra/load-test.sh                       # 60 s against a stack it starts in-process (in memory, free ports)
#   infra/load-test.sh --duration 30 --workers 32 --batch 50
#   infra/load-test.sh --duration 20 --noisy # the quiet load alone, then beside one noisy tenant looping
#                                            # 5,000-entry batches and size=1000 pages: quiet p50/p99 of both
#   infra/load-test.sh --duration 20 --noisy --tenant-rate-limit 500
#                                            # the same with the per-tenant limit on (units/s per tenant)
#   infra/load-test.sh --url http://127.0.0.1:3000 --dynamodb http://127.0.0.1:PORT --token "$TOKEN"
#                                            # a running stack (its banner prints the dynamodb endpoint; the
#                                            # token must grant the load's tenants, or run that stack --no-auth)
# Exit status 0 only when the table and the responses agree, no request got an unexpected status (401, 403,
# 5xx, ...) and both APIs created credentials. Needs a JDK 17+ and Maven (to build once).
set -eu
cd "$(dirname "$0")/.."
JAR=infra/target/sip-credentials-local.jar
if [ ! -f "$JAR" ]; then
  mvn -B -q -DskipTests package
fi
exec java -Xmx1g -cp "$JAR" dev.sipcredentials.local.LoadTest "$@"
