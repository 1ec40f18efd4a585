#!/usr/bin/env bash
# bench-coldstart: cold-start figures of every function in template.yaml under the official Lambda Runtime
# Interface Emulator and Runtime Interface Client, per configuration (C1, AppCDS, CloudTrail unpaced, full tiered).
# Usage (from the project root): bash src/test/bench/bench-coldstart.sh [RUNS] [CONFIGURATION-SUBSTRING]
# BENCH_JAVA_OPTS=-Dbench.jar=PATH measures another build of the responder with the same harness.
# Builds the jar, the runtime lib, the emulator and the moto venv, then runs io.apigw5xx.responder.deploy.ColdStartBench.
set -euo pipefail
cd "$(dirname "$0")/../../.."
./run mvnw -B -q -DskipTests package
./run mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
bash src/test/go/install-rie.sh target/rie "$(sed -n 's:.*<lambda.rie.version>\(.*\)</lambda.rie.version>.*:\1:p' pom.xml)"
bash src/test/python/install-venv.sh python3 target/venv src/test/python/requirements.txt
# shellcheck disable=SC2086
exec ./run java ${BENCH_JAVA_OPTS:-} -Dpython.venv=target/venv \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.apigw5xx.responder.deploy.ColdStartBench "$@"
