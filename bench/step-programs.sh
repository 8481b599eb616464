#!/usr/bin/env bash
# Wall and CPU time of the step programs kfp4j runs around components on Argo, whole processes, against a bare
# `java -cp … Hello`: the init step (InitMain: three parameters stored, the first context written), a container
# step's fetch half (ContainerValuesMain fetch: a stored value and a constant written as text files) and store half
# (ContainerValuesMain store: a value given and one read from a file, stored, the context written), and a condition
# chain's select step (ConditionMain select). RUNS rounds, every variant once per round (interleaved, so machine
# noise hits all alike); min / median / max and the load average.
#
#   bench/step-programs.sh [RUNS]                (default 11)
#
# Variables:
#   BASELINE_JAR  an older kfp4j-runtime jar, put first on the classpath of the same programs ("before"), to compare
#                 two versions in one interleaved run
#   JAVA_OPTS     JVM flags of every variant, Hello's too (default: the specs' short-step flags
#                 "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"; "" for none)
#   CDS=1         add each program with an AppCDS archive of its own (recorded once with -XX:ArchiveClassesAtExit)
#   SKIP_BUILD=1  reuse the jars of the previous run
#
# Prints one table row per variant; nothing is asserted (a benchmark is not a test).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-11}
JAVA_OPTS=${JAVA_OPTS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}
WORK=$PWD/target/bench-step-programs
mkdir -p "$WORK"

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  # package (not install): the runtime jar and its runtime classpath, from this checkout only.
  if ! mvn -B -q -Dstyle.color=never package dependency:build-classpath -pl runtime -am -DskipTests \
      -DincludeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt >"$WORK/build.log" 2>&1; then
    cat "$WORK/build.log" >&2
    exit 1
  fi
  cp runtime/target/bench-classpath.txt "$WORK/deps.txt"
  ls "$PWD"/runtime/target/kfp4j-runtime-*.jar | grep -v -- -sources | head -1 > "$WORK/runtime-jar.txt"
  rm -rf "$WORK/hello" && mkdir -p "$WORK/hello"
  javac -d "$WORK/hello" bench/src/kfp4jbench/Hello.java
  (cd "$WORK/hello" && jar cf "$WORK/hello.jar" .)
fi
CP="$(cat "$WORK/runtime-jar.txt"):$(cat "$WORK/deps.txt")"

RUN=$WORK/run
ROOT=file://$RUN/
# Every step reads and writes only under the configured roots (as the specs configure them).
export KFP4J_STORAGE_ROOTS=$ROOT
prepare() {
  rm -rf "$RUN" "$WORK/out" && mkdir -p "$RUN/roll" "$RUN/branches/b/say" "$WORK/out"
  printf '12' > "$RUN/roll/Output.json"
  printf '"tails"' > "$RUN/branches/b/say/Output.json"
  printf '[1, 2]\n' > "$WORK/out/rows"
}
CONTEXTS="[{\"runId\":\"bench\",\"root\":\"$ROOT\",\"values\":{\"roll.Output\":\"${ROOT}roll/Output.json\"}}]"

# One function per program; "$1" is the classpath, the rest JVM flags.
init() {
  local cp=$1; shift
  # shellcheck disable=SC2086
  java $JAVA_OPTS "$@" -cp "$cp" dev.kfp4j.runtime.entrypoint.InitMain --run-id bench --root "$ROOT" \
    --output-context "$WORK/out/init.json" --param numbers LIST '[1,2,3]' --param label STRING 'five items' \
    --param n NUMBER_INTEGER 3
}
fetch() {
  local cp=$1; shift
  # shellcheck disable=SC2086
  java $JAVA_OPTS "$@" -cp "$cp" dev.kfp4j.runtime.container.ContainerValuesMain fetch --contexts "$CONTEXTS" \
    --inputs '{"n":{"from":"roll.Output"},"k":{"value":{"a":2.5}}}' --value n "$WORK/out/0" --value k "$WORK/out/1"
}
store() {
  local cp=$1; shift
  # shellcheck disable=SC2086
  java $JAVA_OPTS "$@" -cp "$cp" dev.kfp4j.runtime.container.ContainerValuesMain store --contexts "$CONTEXTS" \
    --task train --output label STRING done --output-file rows LIST "$WORK/out/rows" \
    --output-context "$WORK/out/store.json"
}
select_() {
  local cp=$1; shift
  # shellcheck disable=SC2086
  java $JAVA_OPTS "$@" -cp "$cp" dev.kfp4j.runtime.entrypoint.ConditionMain select --contexts "$CONTEXTS" \
    --task branches --select '{"oneof-1":["branches/a/say.Output","branches/b/say.Output"]}' \
    --output-context "$WORK/out/select.json"
}
# shellcheck disable=SC2086
hello() { java $JAVA_OPTS "$@" -cp "$WORK/hello.jar" kfp4jbench.Hello >/dev/null; }

# What each program must have written: a failing program is not measured.
check() {
  local ok
  case $1 in
    init) ok=$(cat "$RUN/inputs/numbers.json" 2>/dev/null) && [[ $ok == '[1,2,3]' ]] ;;
    fetch) ok=$(cat "$WORK/out/0" "$WORK/out/1" 2>/dev/null) && [[ $ok == '12{"a":2.5}' ]] ;;
    store) ok=$(cat "$RUN/train/rows.json" 2>/dev/null) && [[ $ok == '[1,2]' ]] && grep -q '"train.label"' "$WORK/out/store.json" ;;
    select) ok=$(cat "$RUN/branches/oneof-1.json" 2>/dev/null) && [[ $ok == '"tails"' ]] ;;
  esac || { echo "bench/step-programs.sh: $1 did not write what it should" >&2; exit 1; }
}
run_program() { # PROGRAM CLASSPATH [JVM FLAGS…]
  local program=$1; shift
  case $program in
    select) select_ "$@" ;;
    *) "$program" "$@" ;;
  esac
}

PROGRAMS=(init fetch store select)
CLASSPATHS=(after)
[[ -n "${BASELINE_JAR:-}" ]] && CLASSPATHS=(before after)
cp_of() { if [[ $1 == before ]]; then echo "$BASELINE_JAR:$CP"; else echo "$CP"; fi; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
VARIANTS=(hello)
for program in "${PROGRAMS[@]}"; do
  for version in "${CLASSPATHS[@]}"; do
    # One sanity run (also warms the page cache); with CDS=1 it records the program's archive.
    prepare
    if [[ "${CDS:-}" == 1 ]]; then
      run_program "$program" "$(cp_of "$version")" -XX:ArchiveClassesAtExit="$WORK/$program-$version.jsa" \
        >"$WORK/sanity.log" 2>&1 || { cat "$WORK/sanity.log" >&2; exit 1; }
    else
      run_program "$program" "$(cp_of "$version")" >"$WORK/sanity.log" 2>&1 || { cat "$WORK/sanity.log" >&2; exit 1; }
    fi
    check "$program"
    VARIANTS+=("$program-$version")
    [[ "${CDS:-}" == 1 ]] && VARIANTS+=("$program-$version-cds")
  done
done
[[ ${#CLASSPATHS[@]} == 1 ]] && VARIANTS=("${VARIANTS[@]/%-after/}") && VARIANTS=("${VARIANTS[@]/-after-cds/-cds}")

# shellcheck source=bench/timing.sh
source bench/timing.sh # the working folder is the repository root (above)
for ((i = 1; i <= RUNS; i++)); do
  for variant in "${VARIANTS[@]}"; do
    prepare
    if [[ $variant == hello ]]; then
      t=$(measure hello)
    else
      program=${variant%%-*}
      version=after
      [[ $variant == *-before* ]] && version=before
      flags=()
      [[ $variant == *-cds ]] && flags=(-XX:SharedArchiveFile="$WORK/$program-$version.jsa")
      t=$(measure run_program "$program" "$(cp_of "$version")" "${flags[@]}")
      check "$program"
    fi
    record "$variant" "$t"
  done
done

label() {
  case $1 in
    hello) echo "bare JVM: java -cp ... Hello" ;;
    *) sed -e 's/^init/InitMain/; s/^fetch/ContainerValuesMain fetch/; s/^store/ContainerValuesMain store/' \
      -e 's/^select/ConditionMain select/; s/-before/, before/; s/-after//; s/-cds/ + AppCDS/' <<<"$1" ;;
  esac
}
results_table
echo "medians, min-max over the rounds; java: $(java -version 2>&1 | head -1); cores: $(nproc); load before/after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg); JAVA_OPTS: ${JAVA_OPTS:-none}${BASELINE_JAR:+; before: $(basename "$BASELINE_JAR")}"
