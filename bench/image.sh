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
#   (c) 'podman run IMAGE -version' vs the image's own JRE run on this machine (container start-up).
# Needs podman (Debian 12: with runc, see docs/container-steps.md) and a Linux JDK 17.
set -euo pipefail
R=${1:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/kfp4j-bench-image.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"
command -v podman > /dev/null || { echo "bench/image.sh: podman is not installed" >&2; exit 2; }
PODMAN_OPTS=(--ulimit nofile=1024:1024 --ulimit nproc=1024:1024)
[ -x /usr/sbin/runc ] && PODMAN_OPTS=(--runtime /usr/sbin/runc --cgroup-manager cgroupfs "${PODMAN_OPTS[@]}")

mvn -B -q package dependency:build-classpath -DskipTests -Pimage -pl processor,cli,example-avg -am \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime > /dev/null
CP="$ROOT/example-avg/target/classes:$ROOT/cli/target/kfp4j-cli-0.1.0-SNAPSHOT.jar:$(cat cli/target/classpath.txt)"
IMAGE=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["image"])' example-avg/target/jib-image.json)

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now_ms() { date +%s%3N; }

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
