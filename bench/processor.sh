#!/usr/bin/env bash
# Benchmark of the kfp4j annotation processor (recorded in docs/benchmarks-processor.md; never asserted).
#   1. javac wall (and CPU) time for a generated project of 500 components and 50 pipelines of 10 tasks,
#      with the processor (generated entrypoints, the default; and -Akfp4j.entrypoints=shared) and with -proc:none;
#      median (min-max) of RUNS runs each, interleaved.
#   2. processor time for one 1,000-task pipeline (10 nested pipelines of 100 tasks: Argo allows 200 tasks
#      per DAG), timed inside javac by bench/ProcessorTime.java; median of RUNS fresh JVMs.
# Usage: bench/processor.sh   (RUNS=5 by default; needs Java 17 and Maven; builds the processor, never installs)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
WORK=processor/target/bench
rm -rf "$WORK" && mkdir -p "$WORK"

# Runtime scope: the processor path and class path a user's build has (not the modules' test jars, which
# javac's processor discovery and class lookups would scan too).
mvn -B -q package dependency:build-classpath -pl processor -am -DskipTests -DincludeScope=runtime \
  -Dmdep.outputFile=target/classpath.txt >/dev/null
PROC_CP="processor/target/classes:$(cat processor/target/classpath.txt)"
COMPILE_CP="runtime/target/classes:$(cat runtime/target/classpath.txt)"

java bench/GenerateProject.java wide "$WORK/wide" 50 10
java bench/GenerateProject.java deep "$WORK/deep" 10 100
mapfile -t WIDE < <(find "$WORK/wide" -name '*.java' | sort)

median() { sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f", m }'; }

# One javac run over the given sources: appends "wall cpu" (seconds) to $1.
timed_javac() {
  local log=$1; shift
  rm -rf "$WORK/out" && mkdir -p "$WORK/out/gen"
  /usr/bin/time -f "%e %U %S" -o "$WORK/time.txt" javac -d "$WORK/out" -s "$WORK/out/gen" -cp "$COMPILE_CP" "$@"
  awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$WORK/time.txt" >> "$log"
}

# The entrypoints the processor generates, to time compiling them without it.
timed_javac "$WORK/warmup.txt" -processorpath "$PROC_CP" "${WIDE[@]}"
cp -r "$WORK/out/gen" "$WORK/generated"
mapfile -t GENERATED < <(find "$WORK/generated" -name '*.java' | sort)

: > "$WORK/plain.txt"; : > "$WORK/kfp4j.txt"; : > "$WORK/shared.txt"; : > "$WORK/plain-generated.txt"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for _ in $(seq "$RUNS"); do
  timed_javac "$WORK/plain.txt" -proc:none "${WIDE[@]}"
  timed_javac "$WORK/kfp4j.txt" -processorpath "$PROC_CP" "${WIDE[@]}"
  timed_javac "$WORK/shared.txt" -processorpath "$PROC_CP" -Akfp4j.entrypoints=shared "${WIDE[@]}"
  if find "$WORK/out" -name '*Entrypoint*' | grep -q .; then
    echo "-Akfp4j.entrypoints=shared wrote entrypoint classes" >&2; exit 1
  fi
  timed_javac "$WORK/plain-generated.txt" -proc:none "${WIDE[@]}" "${GENERATED[@]}"
done
range() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf " (%s-%s)", lo, hi }'; }
wall() { cut -d' ' -f1 "$1" | median; cut -d' ' -f1 "$1" | range; }
cpu() { cut -d' ' -f2 "$1" | median; cut -d' ' -f2 "$1" | range; }
LOAD_JAVAC=$(cut -d' ' -f1-3 /proc/loadavg)
PLAIN_WALL=$(cut -d' ' -f1 "$WORK/plain.txt" | median); PLAIN_CPU=$(cut -d' ' -f2 "$WORK/plain.txt" | median)
KFP_WALL=$(cut -d' ' -f1 "$WORK/kfp4j.txt" | median); KFP_CPU=$(cut -d' ' -f2 "$WORK/kfp4j.txt" | median)
SHARED_WALL=$(cut -d' ' -f1 "$WORK/shared.txt" | median); SHARED_CPU=$(cut -d' ' -f2 "$WORK/shared.txt" | median)

: > "$WORK/deep.txt"; : > "$WORK/wide-processor.txt"
for _ in $(seq "$RUNS"); do
  java -cp "$PROC_CP" bench/ProcessorTime.java "$WORK/deep" "$WORK/deep-out" "$COMPILE_CP" >> "$WORK/deep.txt"
  java -cp "$PROC_CP" bench/ProcessorTime.java "$WORK/wide" "$WORK/wide-out" "$COMPILE_CP" >> "$WORK/wide-processor.txt"
done
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" "$2" | median; }

echo "machine: $(nproc) cores, load average before / after the javac runs / at the end: $LOAD_BEFORE / $LOAD_JAVAC / $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
echo
echo "| compile of 500 components + 50 pipelines × 10 tasks (median (min-max) of $RUNS interleaved) | wall s | CPU s (user+sys) |"
echo "|---|---|---|"
echo "| javac -proc:none | $(wall "$WORK/plain.txt") | $(cpu "$WORK/plain.txt") |"
echo "| javac + kfp4j processor | $(wall "$WORK/kfp4j.txt") | $(cpu "$WORK/kfp4j.txt") |"
echo "| javac + kfp4j processor, -Akfp4j.entrypoints=shared (no entrypoint classes) | $(wall "$WORK/shared.txt") | $(cpu "$WORK/shared.txt") |"
echo "| javac -proc:none, the same sources plus the ${#GENERATED[@]} generated entrypoints | $(wall "$WORK/plain-generated.txt") | $(cpu "$WORK/plain-generated.txt") |"
echo "| ratio, generated entrypoints (medians) | $(awk "BEGIN { printf \"%.2f×\", $KFP_WALL / $PLAIN_WALL }") | $(awk "BEGIN { printf \"%.2f×\", $KFP_CPU / $PLAIN_CPU }") |"
echo "| ratio, shared entrypoint (medians) | $(awk "BEGIN { printf \"%.2f×\", $SHARED_WALL / $PLAIN_WALL }") | $(awk "BEGIN { printf \"%.2f×\", $SHARED_CPU / $PLAIN_CPU }") |"
echo
echo "| processor time, cold JVM (median of $RUNS) | wall ms | CPU ms (javac thread) | whole javac ms |"
echo "|---|---|---|---|"
echo "| 1,000-task pipeline (10 × 100, nested) | $(field processor_ms "$WORK/deep.txt") | $(field processor_cpu_ms "$WORK/deep.txt") | $(field javac_ms "$WORK/deep.txt") |"
echo "| 500 components + 50 pipelines × 10 tasks | $(field processor_ms "$WORK/wide-processor.txt") | $(field processor_cpu_ms "$WORK/wide-processor.txt") | $(field javac_ms "$WORK/wide-processor.txt") |"
