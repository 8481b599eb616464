#!/usr/bin/env bash
# Wall time of a component entrypoint (load context, one download, one upload, write the output
# context) against a bare `java -cp … Hello`, whole processes, medians of RUNS runs each, run
# interleaved so that machine noise hits both alike. Also measured with an AppCDS archive.
#
#   bench/entrypoint.sh [RUNS]                  (default 15)
#
# Variables:
#   ENTRYPOINT   main class to measure (default: the hand-made kfp4jbench.Average_AddEntrypoint;
#                point it at a generated one, e.g. com.example.Average_AddEntrypoint)
#   EXTRA_CP     jars/dirs to put before the runtime on the classpath (where ENTRYPOINT lives)
#   JAVA_OPTS    extra JVM flags for both sides (e.g. "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
#   SKIP_BUILD=1 reuse the jars from the previous run
#
# Prints one table row per variant; nothing is asserted (a benchmark is not a test).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-15}
ENTRYPOINT=${ENTRYPOINT:-kfp4jbench.Average_AddEntrypoint}
JAVA_OPTS=${JAVA_OPTS:-}
WORK=$PWD/target/bench-entrypoint
mkdir -p "$WORK"

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  # package (not install): the runtime jar and its runtime classpath, from this checkout only.
  mvn -B -q package dependency:build-classpath -pl runtime/core -am -DskipTests \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/deps.txt" >/dev/null
  rm -rf "$WORK/classes" && mkdir -p "$WORK/classes"
  RUNTIME_JAR=$(ls runtime/core/target/kfp4j-runtime-*.jar | grep -v -- -sources | head -1)
  javac -d "$WORK/classes" -cp "$RUNTIME_JAR:$(cat "$WORK/deps.txt")" bench/src/kfp4jbench/*.java
  # A jar, not a directory: AppCDS archives classes from jars only.
  (cd "$WORK/classes" && jar cf "$WORK/bench.jar" .)
  echo "$RUNTIME_JAR" > "$WORK/runtime-jar.txt"
fi
RUNTIME_JAR=$(cat "$WORK/runtime-jar.txt")
CP="${EXTRA_CP:+$EXTRA_CP:}$WORK/bench.jar:$PWD/$RUNTIME_JAR:$(cat "$WORK/deps.txt")"
HELLO_CP="$WORK/bench.jar"

RUN_DIR=$WORK/run
CONTEXT_FILE=$WORK/context.json
prepare() {
  rm -rf "$RUN_DIR" "$WORK/out-context.json"
  mkdir -p "$RUN_DIR"
  printf '[1,2,3]' > "$RUN_DIR/numbers.json"
}
prepare
CONTEXT="{\"runId\":\"bench\",\"root\":\"file://$RUN_DIR/\",\"values\":{\"numbers\":\"file://$RUN_DIR/numbers.json\"}}"

# shellcheck disable=SC2086
entrypoint() { java $JAVA_OPTS "$@" -cp "$CP" "$ENTRYPOINT" "$CONTEXT" --output-context "$WORK/out-context.json"; }
# shellcheck disable=SC2086
hello() { java $JAVA_OPTS "$@" -cp "$HELLO_CP" kfp4jbench.Hello >/dev/null; }

check() {
  if [[ "$(cat "$RUN_DIR/add/Output.json")" != 6 ]] || ! grep -q '"add.Output"' "$WORK/out-context.json"; then
    echo "entrypoint did not produce add.Output = 6" >&2
    exit 1
  fi
}

# One sanity run (also warms the page cache), then the AppCDS archives.
entrypoint && check
prepare
entrypoint -XX:ArchiveClassesAtExit="$WORK/entrypoint.jsa" 2>/dev/null && check
hello -XX:ArchiveClassesAtExit="$WORK/hello.jsa" 2>/dev/null

millis() { echo $(( ($2 - $1) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
declare -A samples
for ((i = 1; i <= RUNS; i++)); do
  for variant in hello entrypoint hello-cds entrypoint-cds; do
    prepare
    case $variant in
      hello) t0=$(date +%s%N); hello; t1=$(date +%s%N) ;;
      entrypoint) t0=$(date +%s%N); entrypoint; t1=$(date +%s%N); check ;;
      hello-cds) t0=$(date +%s%N); hello -XX:SharedArchiveFile="$WORK/hello.jsa"; t1=$(date +%s%N) ;;
      entrypoint-cds) t0=$(date +%s%N); entrypoint -XX:SharedArchiveFile="$WORK/entrypoint.jsa"; t1=$(date +%s%N); check ;;
    esac
    samples[$variant]+="$(millis "$t0" "$t1") "
  done
done

m_hello=$(tr ' ' '\n' <<<"${samples[hello]}" | grep . | median)
printf '| %-44s | %8s | %6s |\n' "variant ($RUNS runs each, interleaved)" "median" "ratio"
printf '| %-44s | %8s | %6s |\n' "---" "---:" "---:"
for variant in hello entrypoint hello-cds entrypoint-cds; do
  m=$(tr ' ' '\n' <<<"${samples[$variant]}" | grep . | median)
  case $variant in
    hello) label="bare JVM: java -cp ... Hello" ;;
    entrypoint) label="entrypoint $ENTRYPOINT" ;;
    hello-cds) label="bare JVM + its own AppCDS archive" ;;
    entrypoint-cds) label="entrypoint + AppCDS archive" ;;
  esac
  printf '| %-44s | %5s ms | %5.2fx |\n' "$label" "$m" "$(awk -v a="$m" -v b="$m_hello" 'BEGIN {print a / b}')"
done
echo "java: $(java -version 2>&1 | head -1); cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg); JAVA_OPTS: ${JAVA_OPTS:-none}"
