#!/usr/bin/env bash
# Storage benchmark (recorded in docs/benchmarks-storage.md, never asserted).
#
# In one run, against one local S3Proxy (its own JVM, objects on disk under target/):
#   - upload and download of BENCH_MIB MiB through the kfp4j runtime (Storage -> S3ObjectStore, multipart)
#     vs the AWS SDK's plain putObject/getObject of the same bytes with the same client settings, and vs
#     the SDK's multipart calls with the same part size (what multipart itself costs on this server);
#   - a file:// copy through FileObjectStore vs cp.
# Every transfer runs in its own JVM with -Xmx${BENCH_HEAP}; the runtime's peak heap is reported.
# Usage: bench/storage.sh            (BENCH_MIB=1024 BENCH_REPS=3 BENCH_HEAP=64m by default)
set -euo pipefail
cd "$(dirname "$0")/.."

MIB=${BENCH_MIB:-1024}
REPS=${BENCH_REPS:-3}
HEAP=${BENCH_HEAP:-64m}
BYTES=$((MIB * 1024 * 1024))
WORK=storage-s3/target/bench
ACCESS=bench-access
SECRET=bench-secret-not-real

mvn -B -q test-compile dependency:build-classpath -pl storage-s3 -am \
  -Dmdep.outputFile="$PWD/$WORK.classpath" -DincludeScope=test >/dev/null
CP="storage-s3/target/test-classes:storage-s3/target/classes:$(cat "$WORK.classpath")"
JAVA=(java -XX:+UseG1GC -Daws.disableEc2Metadata=true -Daws.accessKeyId=$ACCESS -Daws.secretAccessKey=$SECRET -cp "$CP")

# The server keeps objects in memory-backed /dev/shm when there is one, so disk writeback does not
# add noise; its path must be absolute (S3Proxy's filesystem store loses multipart state otherwise).
rm -rf "$WORK" && mkdir -p "$WORK"
if [ -d /dev/shm ] && [ -w /dev/shm ]; then STORE=$(mktemp -d /dev/shm/kfp4j-bench.XXXXXX); else STORE="$PWD/$WORK/objects"; fi
mkdir -p "$STORE/bench"
"${JAVA[@]}" -Xmx512m dev.kfp4j.runtime.storage.s3.bench.S3ProxyMain "$STORE" "$WORK/port" $ACCESS $SECRET \
  >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$STORE"' EXIT
for _ in $(seq 100); do [ -f "$WORK/port" ] && break; sleep 0.2; done
ENDPOINT="http://127.0.0.1:$(cat "$WORK/port")"

measure() { "${JAVA[@]}" -Xmx"$HEAP" dev.kfp4j.runtime.storage.s3.bench.StorageBench "$@"; }

RESULTS="$WORK/results.txt"
: >"$RESULTS"
echo "S3Proxy at $ENDPOINT; $MIB MiB per transfer, $REPS rounds, client heap -Xmx$HEAP" >&2
for rep in $(seq "$REPS"); do
  # Alternate which side goes first, so a warm server or page cache favours neither.
  if [ $((rep % 2)) -eq 1 ]; then order="raw raw-multipart runtime"; else order="runtime raw-multipart raw"; fi
  for side in $order; do measure $side-upload "$ENDPOINT" bench "$side.bin" "$BYTES" | tee -a "$RESULTS"; done
  for side in raw runtime; do measure $side-download "$ENDPOINT" bench "$side.bin" | tee -a "$RESULTS"; done
  rm -f "$STORE"/bench/*.bin "$STORE"/bench/.mpus-* "$STORE"/bench/.s3proxy-mpu-*
done

head -c "$BYTES" /dev/urandom >"$WORK/source.bin"
cat "$WORK/source.bin" >/dev/null # into the page cache before either side reads it
for rep in $(seq "$REPS"); do
  if [ $((rep % 2)) -eq 1 ]; then order="cp runtime"; else order="runtime cp"; fi
  for side in $order; do
    rm -f "$WORK/copy.bin"
    sync # write back the previous copy now, not during this one
    if [ "$side" = cp ]; then
      start=$(date +%s.%N); cp "$WORK/source.bin" "$WORK/copy.bin"; end=$(date +%s.%N)
      echo "cp-copy $BYTES $(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }') 0 0" | tee -a "$RESULTS"
    else
      measure file-copy "$WORK/source.bin" "$WORK/copy.bin" | tee -a "$RESULTS"
    fi
    cmp -s "$WORK/source.bin" "$WORK/copy.bin" || { echo "copy differs from source" >&2; exit 1; }
  done
done
rm -f "$WORK/source.bin" "$WORK/copy.bin"

# Medians per mode, then the ratios the targets are about (runtime throughput / baseline throughput).
awk -v mib="$MIB" '
  { secs[$1] = secs[$1] " " $3; if ($4 > peak[$1]) peak[$1] = $4; if ($5 > live[$1]) live[$1] = $5 }
  function median(list,   a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    printf "\n| transfer (%d MiB) | median s | MiB/s | peak heap MiB | heap after GC MiB |\n|---|---|---|---|---|\n", mib
    split("raw-upload raw-multipart-upload runtime-upload raw-download runtime-download cp-copy file-copy", order, " ")
    for (i = 1; i <= 7; i++) { m = order[i]; med[m] = median(secs[m])
      printf "| %s | %.2f | %.0f | %s | %s |\n", m, med[m], mib / med[m], m == "cp-copy" ? "-" : sprintf("%.1f", peak[m] / 1048576),
        m == "cp-copy" ? "-" : sprintf("%.1f", live[m] / 1048576) }
    printf "\nratios (runtime / baseline throughput): upload %.2fx of one PUT, %.2fx of SDK multipart; download %.2fx; file copy %.2fx of cp\n",
      med["raw-upload"] / med["runtime-upload"], med["raw-multipart-upload"] / med["runtime-upload"],
      med["raw-download"] / med["runtime-download"], med["cp-copy"] / med["file-copy"]
  }' "$RESULTS"
