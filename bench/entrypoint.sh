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
#   BASELINE_CP  optional jars put first on the classpath of two extra variants ("baseline"), e.g.
#                an older kfp4j-runtime jar, to compare two versions in the same interleaved run
#   FLOOR=1      add kfp4jbench.StreamingFloor (the same work on jackson-core alone, no kfp4j) as two
#                more variants: how low start-up can go with a JSON library at all
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
  if ! mvn -B -q -Dstyle.color=never package dependency:build-classpath -pl runtime/core -am -DskipTests \
      -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/deps.txt" >"$WORK/build.log" 2>&1; then
    cat "$WORK/build.log" >&2
    exit 1
  fi
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
baseline() { java $JAVA_OPTS "$@" -cp "$BASELINE_CP:$CP" "$ENTRYPOINT" "$CONTEXT" --output-context "$WORK/out-context.json"; }
# shellcheck disable=SC2086
floor() { java $JAVA_OPTS "$@" -cp "$CP" kfp4jbench.StreamingFloor "$CONTEXT" --output-context "$WORK/out-context.json"; }
# shellcheck disable=SC2086
hello() { java $JAVA_OPTS "$@" -cp "$HELLO_CP" kfp4jbench.Hello >/dev/null; }

check() {
  if [[ "$(cat "$RUN_DIR/add/Output.json")" != 6 ]] || ! grep -q '"add.Output"' "$WORK/out-context.json"; then
    echo "entrypoint did not produce add.Output = 6" >&2
    exit 1
  fi
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
# One sanity run (also warms the page cache), then the AppCDS archives.
entrypoint && check
prepare
entrypoint -XX:ArchiveClassesAtExit="$WORK/entrypoint.jsa" 2>/dev/null && check
hello -XX:ArchiveClassesAtExit="$WORK/hello.jsa" 2>/dev/null
VARIANTS=(hello entrypoint hello-cds entrypoint-cds)
if [[ -n "${BASELINE_CP:-}" ]]; then
  prepare
  baseline -XX:ArchiveClassesAtExit="$WORK/baseline.jsa" 2>/dev/null && check
  VARIANTS+=(baseline baseline-cds)
fi
if [[ "${FLOOR:-}" == 1 ]]; then
  prepare
  floor -XX:ArchiveClassesAtExit="$WORK/floor.jsa" 2>/dev/null && check
  VARIANTS+=(floor floor-cds)
fi

# Wall time with bash's `time` (real) and, as a second view that machine load disturbs less,
# the process's CPU time (user + sys, all JVM threads).
TIMEFORMAT='%3R %3U %3S'
measure() { { time "$@" >/dev/null 2>&1; } 2>&1; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
declare -A wall cpu
for ((i = 1; i <= RUNS; i++)); do
  for variant in "${VARIANTS[@]}"; do
    prepare
    case $variant in
      hello) t=$(measure hello) ;;
      entrypoint) t=$(measure entrypoint); check ;;
      hello-cds) t=$(measure hello -XX:SharedArchiveFile="$WORK/hello.jsa") ;;
      entrypoint-cds) t=$(measure entrypoint -XX:SharedArchiveFile="$WORK/entrypoint.jsa"); check ;;
      baseline) t=$(measure baseline); check ;;
      floor) t=$(measure floor); check ;;
      floor-cds) t=$(measure floor -XX:SharedArchiveFile="$WORK/floor.jsa"); check ;;
      baseline-cds) t=$(measure baseline -XX:SharedArchiveFile="$WORK/baseline.jsa"); check ;;
    esac
    read -r real user sys <<<"$t"
    wall[$variant]+="$(awk -v r="$real" 'BEGIN {printf "%d", r * 1000}') "
    cpu[$variant]+="$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%d", (u + s) * 1000}') "
  done
done

med() { tr ' ' '\n' <<<"$1" | grep . | median; }
w0=$(med "${wall[hello]}")
c0=$(med "${cpu[hello]}")
printf '| %-44s | %9s | %6s | %9s | %6s |\n' "variant ($RUNS runs each, interleaved)" "wall" "ratio" "cpu" "ratio"
printf '| %-44s | %9s | %6s | %9s | %6s |\n' "---" "---:" "---:" "---:" "---:"
for variant in "${VARIANTS[@]}"; do
  w=$(med "${wall[$variant]}")
  c=$(med "${cpu[$variant]}")
  case $variant in
    hello) label="bare JVM: java -cp ... Hello" ;;
    entrypoint) label="entrypoint $ENTRYPOINT" ;;
    hello-cds) label="bare JVM + its own AppCDS archive" ;;
    entrypoint-cds) label="entrypoint + AppCDS archive" ;;
    baseline) label="baseline: entrypoint with BASELINE_CP" ;;
    baseline-cds) label="baseline + AppCDS archive" ;;
    floor) label="floor: same work, jackson-core only" ;;
    floor-cds) label="floor + AppCDS archive" ;;
  esac
  printf '| %-44s | %6s ms | %5.2fx | %6s ms | %5.2fx |\n' "$label" "$w" "$(awk -v a="$w" -v b="$w0" 'BEGIN {print a / b}')" \
    "$c" "$(awk -v a="$c" -v b="$c0" 'BEGIN {print a / b}')"
done
echo "medians; java: $(java -version 2>&1 | head -1); cores: $(nproc); load before/after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg); JAVA_OPTS: ${JAVA_OPTS:-none}"
