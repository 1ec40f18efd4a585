#!/usr/bin/env bash
# bench-coldstart: cold-start figures of the shaded jar under the Lambda Runtime Interface Client.
# Usage (from the project root): bash src/test/bench/bench-coldstart.sh [RUNS] [EVENT_FILE | seeded]
# Builds the jar, the runtime lib and the moto venv, then runs io.apigw5xx.responder.deploy.ColdStartBench.
set -euo pipefail
cd "$(dirname "$0")/../../.."
./mvnw -B -q -DskipTests package
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -Dpython.venv=target/venv -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.apigw5xx.responder.deploy.ColdStartBench "$@"
