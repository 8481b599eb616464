#!/usr/bin/env bash
# Benchmark of the local runner (recorded in docs/benchmarks-local.md, never asserted).
#
#   bash bench/local-runner.sh [R]     (from the repository root; R interleaved rounds, default 5)
#
# Each round runs, one after the other (so machine noise hits all alike): a bare JVM start (java Hello),
# one entrypoint run directly (with the runner's archive and flags), and the runner on a 1-task chain,
# a 20-task chain and 64 independent tasks. Wall and CPU time (user + sys of the whole process tree),
# min / median / max over the rounds, and the load average before and after. The per-task CPU time of
# the runner is (chain-20 - chain-1) / 19: the runner JVM's own start-up cancels out.
#
#   (a) a 20-task chain, subprocess mode: per-task time as a ratio to a bare JVM start (target <= 1.5x);
#   (b) 64 independent tasks, subprocess mode: wall time vs the ideal (64 / parallelism) x one task (target <= 1.3x);
#   (c) 1,000 tasks (10 nested pipelines x 100, as Argo caps a DAG at 200 tasks), in-process mode:
#       per-task overhead in ms (target <= 1 ms/task).
#   (d) the same 1- and 20-task chains compiled with -Akfp4j.entrypoints=shared (each step runs the runtime's
#       SharedEntrypoint with the component's address instead of a generated class), in the same rounds, with
#       their own direct run: per task vs a bare JVM start, next to (a).
# Pipelines are generated, compiled with javac + the kfp4j processor, and run with 'kfp4j run --no-cache'.
# Run times are the runner's own (run.json start/end), so the runner JVM's start-up is not counted.
set -euo pipefail
R=${1:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/kfp4j-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"

mvn -B -q package dependency:build-classpath -DskipTests -pl processor,cli -am \
  -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime >/dev/null
RUNNER_CP="$ROOT/cli/target/kfp4j-cli-0.1.0-SNAPSHOT.jar:$(cat cli/target/classpath.txt)"
PROC_CP="$ROOT/processor/target/kfp4j-processor-0.1.0-SNAPSHOT.jar:$(cat processor/target/classpath.txt)"

# --- generate and compile the benchmark pipelines -------------------------------------------------
SRC="$WORK/src/bench"; mkdir -p "$SRC" "$WORK/classes"
{
  echo 'package bench;'
  echo 'import dev.kfp4j.annotations.Component; import dev.kfp4j.annotations.Pipeline;'
  echo 'public final class Bench {'
  echo '  @Component public static int step(int x) { return x + 1; }'
  echo '  @Pipeline(name = "chain-1") public static int one(int x) { return step(x); }'
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
mkdir -p "$WORK/classes-shared"
javac -d "$WORK/classes-shared" -cp "$RUNNER_CP" -processorpath "$PROC_CP" -Akfp4j.image=bench:0 \
  -Akfp4j.entrypoints=shared "$SRC"/Bench.java "$SRC"/Hello.java
if ls "$WORK/classes-shared/bench/"*Entrypoint.class >/dev/null 2>&1 \
    || ! grep -q 'SharedEntrypoint' "$WORK/classes-shared/META-INF/kfp4j/chain-20/pipeline.yaml"; then
  echo "the processor did not compile the shared-mode chains (-Akfp4j.entrypoints=shared)" >&2; exit 1
fi
# Packed as a jar, as an application ships: then task JVMs share an AppCDS archive (the JVM cannot
# archive from a classes directory). Set NO_CDS=1 to measure without it.
jar cf "$WORK/bench.jar" -C "$WORK/classes" .
jar cf "$WORK/bench-shared.jar" -C "$WORK/classes-shared" .
CP="$WORK/bench.jar:$RUNNER_CP"
SHARED_CP="$WORK/bench-shared.jar:$RUNNER_CP"
CDS_FLAG=(); [ "${NO_CDS:-}" = 1 ] && CDS_FLAG=(--no-class-sharing)

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now_ms() { date +%s%3N; }

TIMEFORMAT='%3R %3U %3S'
cpu_of() { awk '{printf "%d", ($2 + $3) * 1000}' <<<"$1"; }
wall_of() { awk '{printf "%d", $1 * 1000}' <<<"$1"; }
run_ms() { # pipeline, extra args...; prints the run's wall time in ms from run.json; CPU ms of the process tree in $WORK/cpu
  local name=$1; shift
  local dir=${WORKDIR_OVERRIDE:-$WORK/.kfp4j}
  local t
  t=$( { time java -cp "${RUN_CP:-$CP}" dev.kfp4j.cli.Main run "$name" -p x=1 --no-cache --plain --work-dir "$dir" "${CDS_FLAG[@]}" "$@" >/dev/null 2>"$WORK/$name.log"; } 2>&1 ) \
    || { cat "$WORK/$name.log"; exit 1; }
  cpu_of "$t" > "$WORK/cpu"
  local run; run=$(ls -t "$dir/runs" | head -1)
  python3 - "$dir/runs/$run/run.json" <<'PY'
import json, sys, datetime
r = json.load(open(sys.argv[1]))
t = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
print(round((t(r["endedAt"]) - t(r["startedAt"])).total_seconds() * 1000))
PY
}
P=$(nproc)

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
# The first subprocess run records the AppCDS archive (a one-time cost per classpath, like a cold cache);
# the measured runs, and the direct entrypoint baseline, use it.
FIRST=$(run_ms chain-20)
ARCHIVE=(); for a in "$WORK"/.kfp4j/cache/cds/*.jsa; do [ -f "$a" ] && ARCHIVE=(-XX:SharedArchiveFile="$a" -Xshare:auto); done
shared_ms() { RUN_CP="$SHARED_CP" WORKDIR_OVERRIDE="$WORK/.kfp4j-shared" run_ms "$@"; }
FIRST_SHARED=$(shared_ms chain-20)
SHARED_ARCHIVE=(); for a in "$WORK"/.kfp4j-shared/cache/cds/*.jsa; do [ -f "$a" ] && SHARED_ARCHIVE=(-XX:SharedArchiveFile="$a" -Xshare:auto); done
STEP=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC); [ "${NO_CDS:-}" = 1 ] && ARCHIVE=() && SHARED_ARCHIVE=()
mkdir -p "$WORK/direct"
echo 1 > "$WORK/direct/x.json"
CTX="{\"runId\":\"bench\",\"root\":\"file://$WORK/direct/\",\"values\":{\"x\":\"file://$WORK/direct/x.json\"}}"

: > "$WORK/rounds.txt"
for i in $(seq "$R"); do
  t=$( { time java -cp "$CP" bench.Hello; } 2>&1 ); echo "hello $(wall_of "$t") $(cpu_of "$t")" >> "$WORK/rounds.txt"
  t=$( { time java "${ARCHIVE[@]}" "${STEP[@]}" -cp "$CP" bench.Bench_StepEntrypoint "$CTX" --output-context "$WORK/direct/out.json" --roots "file://$WORK/direct/"; } 2>&1 )
  echo "direct $(wall_of "$t") $(cpu_of "$t")" >> "$WORK/rounds.txt"
  w=$(run_ms chain-1); echo "chain1 $w $(cat "$WORK/cpu")" >> "$WORK/rounds.txt"
  w=$(run_ms chain-20); echo "chain20 $w $(cat "$WORK/cpu")" >> "$WORK/rounds.txt"
  w=$(run_ms fan-64 -j "$P"); echo "fan64 $w $(cat "$WORK/cpu")" >> "$WORK/rounds.txt"
  t=$( { time java "${SHARED_ARCHIVE[@]}" "${STEP[@]}" -cp "$SHARED_CP" dev.kfp4j.runtime.entrypoint.SharedEntrypoint 'bench.Bench#step' "$CTX" --output-context "$WORK/direct/out.json" --roots "file://$WORK/direct/"; } 2>&1 )
  echo "directshared $(wall_of "$t") $(cpu_of "$t")" >> "$WORK/rounds.txt"
  w=$(shared_ms chain-1); echo "sharedchain1 $w $(cat "$WORK/cpu")" >> "$WORK/rounds.txt"
  w=$(shared_ms chain-20); echo "sharedchain20 $w $(cat "$WORK/cpu")" >> "$WORK/rounds.txt"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

runs_ms() { for i in $(seq "$R"); do run_ms "$@"; done | median; }
THOUSAND=$(runs_ms thousand --in-process -j "$P")
WARM=$(java -cp "$CP" bench.Warm "$WORK/warm" "$P")

python3 - "$WORK/rounds.txt" "$P" "$R" "$FIRST" "${#ARCHIVE[@]}" "$THOUSAND" "$WARM" "$LOAD_BEFORE" "$LOAD_AFTER" "$FIRST_SHARED" <<'PY'
import sys, statistics
rounds, p, r, first, cds, thousand, warm = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7])
load_before, load_after, first_shared = sys.argv[8], sys.argv[9], float(sys.argv[10])
wall, cpu = {}, {}
for line in open(rounds):
    k, w, c = line.split()
    wall.setdefault(k, []).append(float(w)); cpu.setdefault(k, []).append(float(c))
def mmm(xs): return f"{statistics.median(xs):6.0f} ({min(xs):.0f}-{max(xs):.0f})"
# Per round: per-task wall from run.json / 20; per-task CPU = (chain-20 - chain-1) / 19.
task_wall = [w / 20 for w in wall["chain20"]]
task_cpu = [(a - b) / 19 for a, b in zip(cpu["chain20"], cpu["chain1"])]
hw, hc = statistics.median(wall["hello"]), statistics.median(cpu["hello"])
print(f"machine: {p} cores; {r} interleaved rounds, median (min-max); load before/after: {load_before} / {load_after}; task JVMs with AppCDS archive: {'yes' if cds else 'no'}")
print(f"first 20-task chain (cold; records the archive when on): {first:.0f} ms generated, {first_shared:.0f} ms shared")
print(f"| measure | wall ms | wall ratio | CPU ms | CPU ratio |")
print(f"|---|---:|---:|---:|---:|")
print(f"| bare JVM start (java Hello) | {mmm(wall['hello'])} | 1.00x | {mmm(cpu['hello'])} | 1.00x |")
dw, dc = statistics.median(wall["direct"]), statistics.median(cpu["direct"])
print(f"| one entrypoint run directly (archive + C1 + SerialGC) | {mmm(wall['direct'])} | {dw / hw:.2f}x | {mmm(cpu['direct'])} | {dc / hc:.2f}x |")
tw, tc = statistics.median(task_wall), statistics.median(task_cpu)
print(f"| (a) 20-task chain, subprocess: per task (target <= 1.5x) | {mmm(task_wall)} | **{tw / hw:.2f}x** | {mmm(task_cpu)} | **{tc / hc:.2f}x** |")
ideal = [64 / p * t for t in task_wall]
ratios = [f / i for f, i in zip(wall["fan64"], ideal)]
print(f"| (b) 64 independent, parallelism {p}: wall vs 64/{p} x per-task wall of (a) (target <= 1.2x) | {mmm(wall['fan64'])} | **{statistics.median(ratios):.2f}x** ({min(ratios):.2f}-{max(ratios):.2f}) | {mmm(cpu['fan64'])} | |")
dsw, dsc = statistics.median(wall["directshared"]), statistics.median(cpu["directshared"])
print(f"| one shared entrypoint run directly (archive + C1 + SerialGC) | {mmm(wall['directshared'])} | {dsw / hw:.2f}x | {mmm(cpu['directshared'])} | {dsc / hc:.2f}x |")
shared_wall = [w / 20 for w in wall["sharedchain20"]]
shared_cpu = [(a - b) / 19 for a, b in zip(cpu["sharedchain20"], cpu["sharedchain1"])]
sw, sc = statistics.median(shared_wall), statistics.median(shared_cpu)
print(f"| (d) 20-task chain, subprocess, shared entrypoint: per task | {mmm(shared_wall)} | **{sw / hw:.2f}x** | {mmm(shared_cpu)} | **{sc / hc:.2f}x** |")
print(f"runner overhead per task over a direct entrypoint run: wall {tw - dw:+.0f} ms, CPU {tc - dc:+.0f} ms (generated); wall {sw - dsw:+.0f} ms, CPU {sc - dsc:+.0f} ms (shared)")
print(f"(c) 1,000 tasks (10 x 100 nested), in-process, cold one-shot: {thousand:.0f} ms = {thousand / 1000:.2f} ms/task; warm (4th run, Java API): {warm / 1000:.2f} ms/task")
PY
