#!/usr/bin/env bash
# Benchmark of the local runner (recorded in docs/benchmarks-local.md, never asserted).
#
#   bash bench/local-runner.sh [N] [R]  (from the repository root; N bare JVM starts for the baseline, default 10;
#                                        each pipeline run R times, median taken, default 3)
#
# In one run, against a baseline of N bare JVM starts:
#   (a) a 20-task chain, subprocess mode: per-task time as a ratio to a bare JVM start (target <= 1.5x);
#   (b) 64 independent tasks, subprocess mode: wall time vs the ideal (64 / parallelism) x one task (target <= 1.3x);
#   (c) 1,000 tasks (10 nested pipelines x 100, as Argo caps a DAG at 200 tasks), in-process mode:
#       per-task overhead in ms (target <= 1 ms/task).
# Pipelines are generated, compiled with javac + the kfp4j processor, and run with 'kfp4j run --no-cache'.
# Run times are the runner's own (run.json start/end), so the runner JVM's start-up is not counted.
set -euo pipefail
N=${1:-10}
R=${2:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/kfp4j-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"

mvn -B -q package dependency:build-classpath -DskipTests -pl processor,runtime/cli -am \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
RUNNER_CP="$ROOT/runtime/cli/target/kfp4j-cli-0.1.0-SNAPSHOT.jar:$(cat runtime/cli/target/classpath.txt)"
PROC_CP="$ROOT/processor/target/kfp4j-processor-0.1.0-SNAPSHOT.jar:$(cat processor/target/classpath.txt)"

# --- generate and compile the benchmark pipelines -------------------------------------------------
SRC="$WORK/src/bench"; mkdir -p "$SRC" "$WORK/classes"
{
  echo 'package bench;'
  echo 'import dev.kfp4j.annotations.Component; import dev.kfp4j.annotations.Pipeline;'
  echo 'public final class Bench {'
  echo '  @Component public static int step(int x) { return x + 1; }'
  echo '  @Pipeline(name = "chain-20") public static int chain(int x) {'
  echo '    int v1 = step(x);'
  for i in $(seq 2 20); do echo "    int v$i = step(v$((i-1)));"; done
  echo '    return v20; }'
  echo '  @Pipeline(name = "fan-64") public static void fan(int x) {'
  for i in $(seq 1 64); do echo '    step(x);'; done
  echo '  }'
  echo '  @Pipeline(name = "hundred") public static void hundred(int x) {'
  for i in $(seq 1 100); do echo '    step(x);'; done
  echo '  }'
  echo '  @Pipeline(name = "thousand") public static void thousand(int x) {'
  for i in $(seq 1 10); do echo '    hundred(x);'; done
  echo '  }'
  echo '}'
} > "$SRC/Bench.java"
echo 'package bench; public final class Hello { public static void main(String[] a) {} }' > "$SRC/Hello.java"
# (c) warm: the same pipeline run several times in one JVM through the Java API (as a test suite does);
# prints the last run's wall time.
cat > "$SRC/Warm.java" <<'JAVA'
package bench;
public final class Warm {
  public static void main(String[] args) {
    dev.kfp4j.local.LocalRunner runner = dev.kfp4j.local.LocalRunner.builder().inProcess(true).noCache(true)
        .parallelism(Integer.parseInt(args[1])).workDirectory(java.nio.file.Path.of(args[0])).build();
    long last = 0;
    for (int i = 0; i < 4; i++) {
      last = runner.run("thousand", java.util.Map.of("x", 1)).elapsed().toMillis();
    }
    System.out.println(last);
  }
}
JAVA
javac -d "$WORK/classes" -cp "$RUNNER_CP" -processorpath "$PROC_CP" -Akfp4j.image=bench:0 "$SRC"/*.java
# Packed as a jar, as an application ships: then task JVMs share an AppCDS archive (the JVM cannot
# archive from a classes directory). Set NO_CDS=1 to measure without it.
jar cf "$WORK/bench.jar" -C "$WORK/classes" .
CP="$WORK/bench.jar:$RUNNER_CP"
CDS_FLAG=(); [ "${NO_CDS:-}" = 1 ] && CDS_FLAG=(--no-class-sharing)

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now_ms() { date +%s%3N; }

run_ms() { # pipeline, extra args...; prints the run's wall time in ms from run.json
  local name=$1; shift
  local dir=${WORKDIR_OVERRIDE:-$WORK/.kfp4j}
  java -cp "$CP" dev.kfp4j.cli.Main run "$name" -p x=1 --no-cache --plain --work-dir "$dir" "${CDS_FLAG[@]}" "$@" >/dev/null 2>"$WORK/$name.log" \
    || { cat "$WORK/$name.log"; exit 1; }
  local run; run=$(ls -t "$dir/runs" | head -1)
  python3 - "$dir/runs/$run/run.json" <<'PY'
import json, sys, datetime
r = json.load(open(sys.argv[1]))
t = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
print(round((t(r["endedAt"]) - t(r["startedAt"])).total_seconds() * 1000))
PY
}
P=$(nproc)

# The first subprocess run records the AppCDS archive (a one-time cost per classpath, like a cold cache);
# the measured runs, and the direct entrypoint baseline, use it.
FIRST=$(run_ms chain-20)
ARCHIVE=(); for a in "$WORK"/.kfp4j/cache/cds/*.jsa; do [ -f "$a" ] && ARCHIVE=(-XX:SharedArchiveFile="$a" -Xlog:cds=off); done

# --- baseline: bare JVM starts, and one entrypoint run directly --------------------------------------
for i in $(seq "$N"); do s=$(now_ms); java -cp "$CP" bench.Hello; echo $(( $(now_ms) - s )); done > "$WORK/bare.txt"
BARE=$(median < "$WORK/bare.txt")
mkdir -p "$WORK/direct"
echo 1 > "$WORK/direct/x.json"
CTX="{\"runId\":\"bench\",\"root\":\"file://$WORK/direct/\",\"values\":{\"x\":\"file://$WORK/direct/x.json\"}}"
for i in $(seq "$N"); do
  s=$(now_ms); java "${ARCHIVE[@]}" -cp "$CP" bench.Bench_StepEntrypoint "$CTX" --output-context "$WORK/direct/out.json"; echo $(( $(now_ms) - s ))
done > "$WORK/direct.txt"
DIRECT=$(median < "$WORK/direct.txt")


runs_ms() { for i in $(seq "$R"); do run_ms "$@"; done | median; }
CHAIN=$(runs_ms chain-20)
FAN=$(runs_ms fan-64 -j "$P")
THOUSAND=$(runs_ms thousand --in-process -j "$P")
WARM=$(java -cp "$CP" bench.Warm "$WORK/warm" "$P")
# The same on a RAM file system, when there is one: shows how much of (c) is the disk.
THOUSAND_SHM=0; WARM_SHM=0
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  SHM=$(mktemp -d /dev/shm/kfp4j-bench.XXXXXX)
  THOUSAND_SHM=$(WORKDIR_OVERRIDE="$SHM" runs_ms thousand --in-process -j "$P")
  WARM_SHM=$(java -cp "$CP" bench.Warm "$SHM/warm" "$P")
  rm -rf "$SHM"
fi

python3 - "$BARE" "$DIRECT" "$CHAIN" "$FAN" "$THOUSAND" "$P" "$N" "$FIRST" "${#ARCHIVE[@]}" "$THOUSAND_SHM" "$R" "$WARM" "$WARM_SHM" <<'PY'
import sys
bare, direct, chain, fan, thousand, p, n, first, cds, thousand_shm, r, warm, warm_shm = map(float, sys.argv[1:])
per_task = chain / 20
ideal = 64 / p * per_task
print(f"machine: {int(p)} cores; baseline: median of {int(n)} starts; pipelines: median of {int(r)} runs; task JVMs with AppCDS archive: {'yes' if cds else 'no'}")
print(f"first 20-task chain (cold; records the archive when on): {first:7.0f} ms")
print(f"bare JVM start (java Hello):                  {bare:7.0f} ms")
print(f"one entrypoint run directly (java Entrypoint): {direct:7.0f} ms  ({direct / bare:.2f}x bare)")
print(f"(a) 20-task chain, subprocess:   {chain:7.0f} ms = {per_task:.0f} ms/task = {per_task / bare:.2f}x bare JVM"
      f" (target <= 1.5x); runner overhead {per_task - direct:+.0f} ms/task over a direct entrypoint run")
print(f"(b) 64 independent, subprocess, parallelism {int(p)}: {fan:7.0f} ms vs ideal {ideal:.0f} ms"
      f" (64/{int(p)} x {per_task:.0f} ms) = {fan / ideal:.2f}x (target <= 1.3x)")
print(f"(c) 1,000 tasks (10 x 100 nested), in-process: {thousand:7.0f} ms = {thousand / 1000:.2f} ms/task (target <= 1 ms/task)")
print(f"    warm (4th run in the same JVM, Java API):   {warm:7.0f} ms = {warm / 1000:.2f} ms/task")
if thousand_shm:
    print(f"    work folder on tmpfs, cold / warm:          {thousand_shm:7.0f} ms = {thousand_shm / 1000:.2f} ms/task"
          f" / {warm_shm:.0f} ms = {warm_shm / 1000:.2f} ms/task")
PY
