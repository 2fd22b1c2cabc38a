#!/usr/bin/env bash
# Prints every performance figure of the project (README "Performance"): jar size, codec CPU (JMH), batch
# overhead against the DynamoDB engine's floor, heap of a 5,000-entry batch under -Xmx256m, cold starts, and the
# engine's own figures (floor in memory, --db-path and moto; 5,000-entry batch via the local stack; first answer).
#   infra/bench/run.sh                 all sections (about 5 minutes on 2 cores)
#   infra/bench/run.sh batch cold      only some: jar codec batch list heap get cold functions engine cloud (floor,
#                                      stack: parts of engine); with --baseline-jar=OLD.jar the functions and cloud
#                                      sections also run an older build's functions jar, interleaved, side by side
#   infra/bench/run.sh cloud --baseline-jar=OLD.jar   the cloud profile: DynamoDB 5/3 ms, KMS 5 ms, calls, units, GB-s
#   infra/bench/run.sh --quick         every section once at a tiny size (what the build's smoke test does)
# Builds first (tests skipped: `mvn -B verify` runs them); never installs into ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -DskipTests package
classpath="$(ls infra/bench/target/sip-credentials-bench-*.jar):$(cat infra/bench/target/classpath.txt)"
exec java -DtemplateFile=template.yaml -cp "$classpath" dev.sipcredentials.bench.BenchMain "$@"
