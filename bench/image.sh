#!/usr/bin/env bash
# Benchmark of the example's Jib image (recorded in docs/benchmarks.md, never asserted).
#
#   bash bench/image.sh [R]   (from the repository root; each measurement R times, median taken, default 5)
#
# In one run:
#   (a) the image build: 'mvn -o verify -DskipTests -Pimage -pl processor,example-avg -am' of an up-to-date reactor with Jib's cache
#       deleted (two Jib builds; the JRE layer is reused when present), the tar's and the loaded image's size;
#   (b) the example's calculate-average (2 Java tasks) in the local runner: task JVMs on this machine (baseline)
#       vs every task in the image with podman (--containers podman --in-images), run times from run.json;
#   (c) 'podman run IMAGE -version' vs the image's own JRE run on this machine (container start-up);
#   (d) a step's start-up in the image: calculate-average's 'add' run by its spec's own command (KFP protocol) with
#       the image's start-up archive, the same without it, a Hello class (without class sharing, as the image's
#       jlink'ed JRE has no default archive, and with the JDK's classes from the image's archive) and
#       'java -version', each a 'podman run' of
#       the image, interleaved rounds; wall time of 'podman run', the JVM's own uptime at exit (without the
#       container's start), and the CPU time of the container's processes (its cgroup's cpuacct.usage, conmon's left
#       out), min/median/max, and the ratios to Hello.
# ONLY=startup runs (d) alone (on the image already built: example-avg/target/jib-image.tar).
# INIT=1 adds to (d) the init step (InitMain, two parameters, the first step of every Argo run) by the same command,
# with and without the archive; with BASELINE_JAR=… (an older kfp4j-runtime jar, mounted and put first on the
# classpath, so without the archive: the classpath no longer matches it) also the init step of that version.
# Needs podman (Debian 12: with runc, see docs/container-steps.md) and a Linux JDK 17; (d) needs cgroup v1's cpuacct
# (as here) for the CPU figures.
set -euo pipefail
R=${1:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/kfp4j-bench-image.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"
command -v podman > /dev/null || { echo "bench/image.sh: podman is not installed" >&2; exit 2; }
PODMAN_OPTS=(--ulimit nofile=1024:1024 --ulimit nproc=1024:1024)
[ -x /usr/sbin/runc ] && PODMAN_OPTS=(--runtime /usr/sbin/runc --cgroup-manager cgroupfs "${PODMAN_OPTS[@]}")

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now_ms() { date +%s%3N; }
IMAGE=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["image"])' example-avg/target/jib-image.json 2>/dev/null || true)

# (d) a step's start-up in the image, with and without the start-up archive
startup() {
  podman load -i example-avg/target/jib-image.tar > /dev/null 2>&1
  # By id, not name: another checkout may load its own image under the same name meanwhile.
  local ref; ref=$(sed 's/^sha256://' example-avg/target/jib-image.id)
  local spec=example-avg/target/classes/META-INF/kfp4j/calculate-average/pipeline.yaml
  mapfile -t COMMAND < <(python3 - "$spec" <<'PY'
import sys, yaml
ir = yaml.safe_load(open(sys.argv[1]))
print("\n".join(ir["deploymentSpec"]["executors"]["exec-add"]["container"]["command"]))
PY
)
  local main=${COMMAND[-1]} cp_at flags_on=() flags_off=() i
  for ((i = 1; i < ${#COMMAND[@]} - 1; i++)); do
    [[ ${COMMAND[i]} == -cp ]] && cp_at=$i
  done
  flags_on=("${COMMAND[@]:1:cp_at-1}")
  for flag in "${flags_on[@]}"; do [[ $flag == -XX:SharedArchiveFile=* ]] || flags_off+=("$flag"); done
  local cp=${COMMAND[cp_at+1]} step_flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
  # The JVM's own uptime when it exits (the heap summary it logs then), i.e. the step's wall time without the
  # container's start: stderr, so a step's stdout stays as it is.
  local exit_log=(-Xlog:gc+heap+exit=info:stderr:uptimemillis)
  local input='{"inputs":{"parameterValues":{"numbers":[1,2,3]}},"outputs":{"parameters":{"Output":{"outputFile":"/tmp/Output"}}}}'
  mkdir -p "$WORK/hello"
  printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$WORK/hello/Hello.java"
  javac --release 17 -d "$WORK/hello" "$WORK/hello/Hello.java"
  local init=(dev.kfp4j.runtime.entrypoint.InitMain --run-id bench --root file:///tmp/run/ --output-context /tmp/init.json
    --param numbers LIST '[1,2,3]' --param label STRING x) mounts=(-v "$WORK/hello:/hello:ro")
  [[ -n "${BASELINE_JAR:-}" ]] && mounts+=(-v "$(cd "$(dirname "$BASELINE_JAR")" && pwd):/baseline:ro")
  local group=kfp4jbench-$$
  run_in_image() { # variant; prints "wall_ms cpu_ms"
    local args
    case $1 in
      version) args=("${step_flags[@]}" -version) ;;
      hello) args=("${step_flags[@]}" "${exit_log[@]}" -cp /hello Hello) ;;
      # Hello with the JDK's classes from the image's archive: the step's flags and classpath, /hello appended (an
      # archive maps when the recorded classpath is a prefix of the JVM's)
      hello-archive) args=("${flags_on[@]}" "${exit_log[@]}" -cp "$cp:/hello" Hello) ;;
      step-archive) args=("${flags_on[@]}" "${exit_log[@]}" -cp "$cp" "$main" --executor_input "$input") ;;
      init-archive) args=("${flags_on[@]}" "${exit_log[@]}" -cp "$cp" "${init[@]}") ;;
      init-no-archive) args=("${flags_off[@]}" "${exit_log[@]}" -cp "$cp" "${init[@]}") ;;
      init-baseline) args=("${flags_off[@]}" "${exit_log[@]}" -cp "/baseline/$(basename "$BASELINE_JAR"):$cp" "${init[@]}") ;;
      step-no-archive) args=("${flags_off[@]}" "${exit_log[@]}" -cp "$cp" "$main" --executor_input "$input") ;;
    esac
    local parent=/sys/fs/cgroup/cpuacct/$group before conmon_before=0 after conmon_after s e
    before=$(cat "$parent/cpuacct.usage" 2>/dev/null || echo 0)
    [[ -f $parent/conmon/cpuacct.usage ]] && conmon_before=$(cat "$parent/conmon/cpuacct.usage")
    s=$(now_ms)
    podman run --rm "${PODMAN_OPTS[@]}" --cgroup-parent="/$group" "${mounts[@]}" --entrypoint java \
      "$ref" "${args[@]}" > "$WORK/step.log" 2>&1 || { cat "$WORK/step.log" >&2; exit 1; }
    e=$(now_ms)
    after=$(cat "$parent/cpuacct.usage"); conmon_after=$(cat "$parent/conmon/cpuacct.usage" 2>/dev/null || echo 0)
    local up; up=$(grep -o '^\[[0-9]*ms\] Heap' "$WORK/step.log" | head -1 | tr -dc 0-9)
    echo "$((e - s)) $(( (after - before - (conmon_after - conmon_before)) / 1000000 )) ${up:-0}"
  }
  declare -A WALL CPU JVM
  local variants=(version hello hello-archive step-no-archive step-archive) round v w c u
  [[ "${INIT:-}" == 1 && -n "${BASELINE_JAR:-}" ]] && variants+=(init-baseline)
  [[ "${INIT:-}" == 1 ]] && variants+=(init-no-archive init-archive)
  local load_before; load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  run_in_image hello > /dev/null # warm the page cache and podman's storage
  for ((round = 1; round <= R; round++)); do
    for v in "${variants[@]}"; do
      read -r w c u <<< "$(run_in_image "$v")"
      WALL[$v]+="$w "; CPU[$v]+="$c "; JVM[$v]+="$u "
    done
  done
  for c in /sys/fs/cgroup/*/"$group"; do rmdir "$c/conmon" "$c" 2> /dev/null || true; done
  stats() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {m=(NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2); printf "%d / %s / %d", a[1], m, a[NR]}'; }
  med() { printf '%s\n' $1 | median; }
  echo "machine: $(nproc) cores, load average $load_before -> $(cut -d' ' -f1-3 /proc/loadavg); $R interleaved rounds"
  echo "a step in the image: 'podman run' wall, the JVM's own uptime at exit, the container's CPU"
  echo "(min / median / max ms; ratios of the medians to Hello; 'java -version' logs no exit uptime):"
  ratio() { awk -v a="$(med "$1")" -v b="$(med "$2")" 'BEGIN {printf "%.2f", b ? a / b : 0}'; }
  for v in "${variants[@]}"; do
    printf '  %-16s podman run %-20s JVM %-16s CPU %-16s ratios: run %s, JVM %s, CPU %s\n' "$v" "$(stats "${WALL[$v]}")" \
      "$(stats "${JVM[$v]}")" "$(stats "${CPU[$v]}")" "$(ratio "${WALL[$v]}" "${WALL[hello]}")" \
      "$(ratio "${JVM[$v]}" "${JVM[hello]}")" "$(ratio "${CPU[$v]}" "${CPU[hello]}")"
  done
}
if [[ "${ONLY:-}" == startup ]]; then
  [[ -f example-avg/target/jib-image.tar ]] || { echo "bench/image.sh: build the image first (mvn -B package -Pimage -pl processor,example-avg -am -DskipTests)" >&2; exit 2; }
  startup
  exit 0
fi

mvn -B -q package dependency:build-classpath -DskipTests -Pimage -pl processor,cli,example-avg -am \
  -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime > /dev/null
CP="$ROOT/example-avg/target/classes:$ROOT/cli/target/kfp4j-cli-0.1.0-SNAPSHOT.jar:$(cat cli/target/classpath.txt)"
IMAGE=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["image"])' example-avg/target/jib-image.json)

# (a) the build, offline, from a warm reactor (the other modules' jars are there)
BUILD=()
for _ in $(seq 1 "$R"); do
  rm -rf example-avg/target/jib-cache
  s=$(now_ms); mvn -B -q -o verify -DskipTests -Pimage -pl processor,example-avg -am > /dev/null
  BUILD+=($(( $(now_ms) - s )))
done
podman load -i example-avg/target/jib-image.tar > /dev/null 2>&1
TAR_MB=$(du -m example-avg/target/jib-image.tar | cut -f1)
IMAGE_SIZE=$(podman image inspect "$IMAGE" --format '{{.Size}}')
SAME=$(cmp -s example-avg/target/jib-image.tar example-avg/target/jib-image-again.tar && echo yes || echo no)

run_ms() { # extra args...; prints the run's time in ms from run.json
  local dir="$WORK/.kfp4j"
  java -cp "$CP" dev.kfp4j.cli.Main run calculate-average -p 'numbers=[1,2,3]' --no-cache --plain --work-dir "$dir" "$@" \
    > /dev/null 2> "$WORK/run.log" || { cat "$WORK/run.log"; exit 1; }
  local run; run=$(ls -t "$dir/runs" | head -1)
  python3 - "$dir/runs/$run/run.json" <<'PY'
import json, sys, datetime
r = json.load(open(sys.argv[1]))
t = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
print(round((t(r["endedAt"]) - t(r["startedAt"])).total_seconds() * 1000))
PY
}
IN_IMAGE=(--containers podman --in-images)
for option in "${PODMAN_OPTS[@]}"; do IN_IMAGE+=("--container-opt=$option"); done
LOCAL=(); PODMAN=()
for _ in $(seq 1 "$R"); do # interleaved, so that load changes hit both alike
  LOCAL+=($(run_ms)); PODMAN+=($(run_ms "${IN_IMAGE[@]}"))
done

# (c) container start-up: the image's java -version, in podman and on this machine
rm -rf "$WORK/jre" && mkdir -p "$WORK/jre"
cp -r example-avg/target/image-jre/opt/java/openjdk "$WORK/jre/"
C_START=(); H_START=()
for _ in $(seq 1 "$R"); do
  s=$(now_ms); podman run --rm "${PODMAN_OPTS[@]}" "$IMAGE" -version > /dev/null 2>&1; C_START+=($(( $(now_ms) - s )))
  s=$(now_ms); "$WORK/jre/openjdk/bin/java" -version > /dev/null 2>&1; H_START+=($(( $(now_ms) - s )))
done

m() { printf '%s\n' "$@" | median; }
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); medians of $R"
echo "image $IMAGE: tar ${TAR_MB} MB, loaded $((IMAGE_SIZE / 1000000)) MB; the two builds' tars identical: $SAME"
echo "build (mvn -o verify -DskipTests -Pimage -pl processor,example-avg -am, up to date, Jib cache deleted, JRE layer reused): $(m "${BUILD[@]}") ms"
echo "calculate-average, task JVMs here (baseline): $(m "${LOCAL[@]}") ms"
echo "calculate-average, every task in the image (podman): $(m "${PODMAN[@]}") ms"
echo "java -version: in podman $(m "${C_START[@]}") ms, same JRE here $(m "${H_START[@]}") ms"
startup
