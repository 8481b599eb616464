#!/usr/bin/env bash
# Benchmark of conditions (recorded in docs/benchmarks.md, never asserted).
#
#   bash bench/conditions.sh [CONDITIONS] [REPEATS]  (from the repository root; defaults 100 and 5)
#
# javac + the kfp4j processor on a pipeline with CONDITIONS if / else if / else chains (each with a one-of value
# used after it) vs the same source with -proc:none (javac alone), median of REPEATS runs each; and, for scale, the
# same pipeline's chains replaced by plain calls (as many tasks, no conditions).
set -euo pipefail
N=${1:-100}
R=${2:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/kfp4j-bench-conditions.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"
mvn -B -q -o compile -pl processor,runtime -am >/dev/null
JAVAPOET=$(find ~/.m2/repository/com/palantir/javapoet/javapoet -name 'javapoet-*.jar' | sort | tail -1)
PROC_CP="$ROOT/processor/target/classes:$ROOT/annotations/target/classes:$JAVAPOET"
[ -d "$ROOT/wire/target/classes" ] && PROC_CP="$PROC_CP:$ROOT/wire/target/classes"
# What the generated entrypoints compile against: the runtime and Jackson.
JACKSON=$(find ~/.m2/repository/com/fasterxml/jackson/core -name 'jackson-*-2.*.jar' ! -name '*sources*' | sort | tr '\n' ':')
USER_CP="$ROOT/annotations/target/classes:$ROOT/runtime/target/classes:$JACKSON"
[ -d "$ROOT/wire/target/classes" ] && USER_CP="$USER_CP:$ROOT/wire/target/classes"
gen() { # kind (chains|calls) → a pipeline source with N of them
  local kind=$1 dir="$WORK/$1/bench"
  mkdir -p "$dir"
  {
    echo 'package bench;'
    echo 'import dev.kfp4j.annotations.Component; import dev.kfp4j.annotations.Pipeline;'
    echo 'public final class Many {'
    echo '  @Component public static int step(int x) { return x + 1; }'
    echo '  @Pipeline(name = "many") public static int many(int n) {'
    echo '    int v0 = step(n);'
    for i in $(seq 1 "$N"); do
      p=$((i - 1))
      if [ "$kind" = chains ]; then
        echo "    int v$i; if (v$p > $i) { v$i = step(v$p); } else if (v$p == $i) { v$i = step(n); } else { v$i = step($i); }"
      else
        echo "    int v$i = step(v$p);"
      fi
    done
    echo "    return step(v$N); }"
    echo '}'
  } > "$dir/Many.java"
}
median_ms() { # javac args… → "median wall ms, median CPU ms (user + sys)" of R runs
  local walls=() cpus=()
  for _ in $(seq "$R"); do
    rm -rf "$WORK/out"; mkdir -p "$WORK/out"
    local t
    t=$( { TIMEFORMAT='%R %U %S'; time javac -d "$WORK/out" -cp "$USER_CP" "$@" >/dev/null 2>&1; } 2>&1 )
    read -r wall user sys <<<"$t"
    walls+=($(python3 -c "print(round($wall*1000))"))
    cpus+=($(python3 -c "print(round(($user+$sys)*1000))"))
  done
  local mid=$(( (R + 1) / 2 ))
  echo "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "${mid}p") $(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "${mid}p")"
}
gen chains; gen calls
read -r PLAIN PLAIN_CPU <<<"$(median_ms -proc:none "$WORK/chains/bench/Many.java")"
read -r CHAINS CHAINS_CPU <<<"$(median_ms -processorpath "$PROC_CP" -Akfp4j.image=bench:0 "$WORK/chains/bench/Many.java")"
ls "$WORK/out/META-INF/kfp4j/many" >/dev/null
read -r CALLS CALLS_CPU <<<"$(median_ms -processorpath "$PROC_CP" -Akfp4j.image=bench:0 "$WORK/calls/bench/Many.java")"
echo "conditions=$N repeats=$R cores=$(nproc) load=$(cut -d' ' -f1 /proc/loadavg)"
echo "javac alone (-proc:none), $N chains:         wall ${PLAIN} ms, CPU ${PLAIN_CPU} ms"
echo "javac + kfp4j, $N chains (3 branches each):  wall ${CHAINS} ms, CPU ${CHAINS_CPU} ms (processor: +$((CHAINS_CPU - PLAIN_CPU)) ms CPU)"
echo "javac + kfp4j, $N plain calls instead:        wall ${CALLS} ms, CPU ${CALLS_CPU} ms"
