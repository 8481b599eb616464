#!/usr/bin/env bash
# Benchmark of loops (recorded in docs/benchmarks.md, never asserted).
#
#   bash bench/loops.sh [ITERATIONS] [SUBPROCESS_ITERATIONS]  (from the repository root; defaults 1000 and 32)
#
# In one run:
#   (a) a loop of ITERATIONS iterations (one component each), in-process: per-iteration overhead in ms, against a
#       1-iteration run of the same loop;
#   (b) a loop of SUBPROCESS_ITERATIONS iterations, one JVM per iteration, -j = cores: wall time vs the same number
#       of bare JVM starts at the same parallelism (xargs -P);
#   (c) javac + the processor on a pipeline with 50 loops vs the same source with -proc:none.
set -euo pipefail
N=${1:-1000}
S=${2:-32}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/kfp4j-bench-loops.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"
mvn -B -q package dependency:build-classpath -DskipTests -pl processor,cli -am \
  -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime >/dev/null
RUNNER_CP="$ROOT/cli/target/kfp4j-cli-0.1.0-SNAPSHOT.jar:$(cat cli/target/classpath.txt)"
PROC_CP="$ROOT/processor/target/kfp4j-processor-0.1.0-SNAPSHOT.jar:$(cat processor/target/classpath.txt)"
SRC="$WORK/src/bench"; mkdir -p "$SRC" "$WORK/classes" "$WORK/fifty"
{
  echo 'package bench;'
  echo 'import dev.kfp4j.annotations.Component; import dev.kfp4j.annotations.Pipeline; import java.util.*;'
  echo 'public final class Loops {'
  echo '  @Component public static int step(int x) { return x + 1; }'
  echo '  @Component public static List<Integer> range(int n) { List<Integer> r = new ArrayList<>(); for (int i = 0; i < n; i++) r.add(i); return r; }'
  echo '  @Component public static int sum(List<Integer> xs) { int s = 0; for (int x : xs) s += x; return s; }'
  echo '  @Pipeline(name = "loop") public static int loop(int n) {'
  echo '    List<Integer> out = new ArrayList<>();'
  echo '    for (int i : range(n)) { out.add(step(i)); }'
  echo '    return sum(out); }'
  echo '}'
} > "$SRC/Loops.java"
echo 'package bench; public final class Hello { public static void main(String[] a) {} }' > "$SRC/Hello.java"
javac -d "$WORK/classes" -cp "$RUNNER_CP" -processorpath "$PROC_CP" -Akfp4j.image=bench:0 "$SRC"/*.java
jar cf "$WORK/bench.jar" -C "$WORK/classes" .
CP="$WORK/bench.jar:$RUNNER_CP"
P=$(nproc)
now_ms() { date +%s%3N; }
run_ms() { # n, extra args...: the run's wall time in ms (run.json), the runner JVM's start not counted
  local n=$1; shift
  java -cp "$CP" dev.kfp4j.cli.Main run loop -p n="$n" --no-cache --plain --work-dir "$WORK/.kfp4j" "$@" >/dev/null 2>"$WORK/run.log" \
    || { cat "$WORK/run.log"; exit 1; }
  local run; run=$(ls -t "$WORK/.kfp4j/runs" | head -1)
  python3 - "$WORK/.kfp4j/runs/$run/run.json" <<'PY'
import json, sys, datetime
r = json.load(open(sys.argv[1]))
t = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
print(round((t(r["endedAt"]) - t(r["startedAt"])).total_seconds() * 1000))
PY
}
ONE=$(run_ms 1 --in-process -j "$P")
MANY=$(run_ms "$N" --in-process -j "$P")
SUB=$(run_ms "$S" -j "$P")
s=$(now_ms); seq "$S" | xargs -P "$P" -I{} java -cp "$CP" bench.Hello; BARE=$(( $(now_ms) - s ))

{
  echo 'package bench;'
  echo 'import dev.kfp4j.annotations.Component; import dev.kfp4j.annotations.Pipeline; import java.util.*;'
  echo 'public final class Fifty {'
  echo '  @Component public static int step(int x) { return x + 1; }'
  echo '  @Pipeline(name = "fifty") public static void fifty(List<Integer> xs) {'
  for i in $(seq 1 50); do echo "    List<Integer> a$i = new ArrayList<>(); for (int x : xs) { a$i.add(step(x)); }"; done
  echo '  } }'
} > "$WORK/fifty/Fifty.java"
s=$(now_ms); javac -proc:none -d "$WORK/fifty/none" -cp "$RUNNER_CP" "$WORK/fifty/Fifty.java"; NONE=$(( $(now_ms) - s ))
s=$(now_ms); javac -d "$WORK/fifty/proc" -cp "$RUNNER_CP" -processorpath "$PROC_CP" "$WORK/fifty/Fifty.java"; PROC=$(( $(now_ms) - s ))
python3 - "$ONE" "$MANY" "$N" "$SUB" "$S" "$BARE" "$P" "$NONE" "$PROC" <<'PY'
import sys
one, many, n, sub, s, bare, p, none, proc = map(float, sys.argv[1:])
print(f"machine: {int(p)} cores")
print(f"(a) loop of {int(n)} iterations, in-process: {many:.0f} ms vs {one:.0f} ms for 1 = {(many - one) / (n - 1):.2f} ms per iteration")
print(f"(b) loop of {int(s)} iterations, one JVM each, -j {int(p)}: {sub:.0f} ms vs {bare:.0f} ms for {int(s)} bare JVM starts at -P {int(p)} = {sub / bare:.2f}x")
print(f"(c) javac of a pipeline with 50 loops: {proc:.0f} ms with the processor vs {none:.0f} ms with -proc:none (+{proc - none:.0f} ms)")
PY
