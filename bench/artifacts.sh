#!/usr/bin/env bash
# Artifact benchmark (recorded in docs/benchmarks.md, never asserted).
#
# In one run, each transfer in its own JVM with -Xmx${BENCH_HEAP}, baselines interleaved:
#   - a BENCH_MIB MiB file artifact uploaded and downloaded through file:// storage (with its SHA-256
#     computed and checked) vs cp of the same file;
#   - the same file through S3 (a local S3Proxy) vs the AWS SDK's plain putObject/getObject (StorageBench);
#   - a directory of BENCH_FILES small files (1 KiB each, 100 sub-directories) vs cp -r.
# Usage: bench/artifacts.sh        (BENCH_MIB=1024 BENCH_FILES=10000 BENCH_REPS=3 BENCH_HEAP=64m by default)
set -euo pipefail
cd "$(dirname "$0")/.."

MIB=${BENCH_MIB:-1024}
FILES=${BENCH_FILES:-10000}
REPS=${BENCH_REPS:-3}
HEAP=${BENCH_HEAP:-64m}
BYTES=$((MIB * 1024 * 1024))
WORK=$PWD/storage-s3/target/bench-artifacts
ACCESS=bench-access
SECRET=bench-secret-not-real

mvn -B -q test-compile dependency:build-classpath -pl storage-s3 -am \
  -Dmdep.outputFile="$WORK.classpath" -DincludeScope=test >/dev/null
CP="storage-s3/target/test-classes:storage-s3/target/classes:$(cat "$WORK.classpath")"
JAVA=(java -XX:+UseG1GC -Daws.disableEc2Metadata=true -Daws.accessKeyId=$ACCESS -Daws.secretAccessKey=$SECRET -cp "$CP")

rm -rf "$WORK" && mkdir -p "$WORK/store" "$WORK/s3"
mkdir -p "$WORK/s3/bench"
"${JAVA[@]}" -Xmx512m dev.kfp4j.runtime.storage.s3.bench.S3ProxyMain "$WORK/s3" "$WORK/port" $ACCESS $SECRET \
  >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK/s3" "$WORK/store"' EXIT
for _ in $(seq 100); do [ -f "$WORK/port" ] && break; sleep 0.2; done
ENDPOINT="http://127.0.0.1:$(cat "$WORK/port")"
artifact() { "${JAVA[@]}" -Xmx"$HEAP" dev.kfp4j.runtime.storage.s3.bench.ArtifactBench "$@"; }
raw() { "${JAVA[@]}" -Xmx"$HEAP" dev.kfp4j.runtime.storage.s3.bench.StorageBench "$@"; }
timed() { local start end; start=$(date +%s.%N); "$@"; end=$(date +%s.%N); awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }'; }

head -c "$BYTES" /dev/urandom >"$WORK/source.bin"
mkdir -p "$WORK/tree"
for d in $(seq 0 99); do mkdir -p "$WORK/tree/d$d"; done
for i in $(seq 0 $((FILES - 1))); do head -c 1024 /dev/urandom >"$WORK/tree/d$((i % 100))/f$i.bin"; done
cat "$WORK/source.bin" >/dev/null

RESULTS="$WORK/results.txt"
: >"$RESULTS"
FILE_ROOT="$(python3 -c 'import pathlib,sys; print(pathlib.Path(sys.argv[1]).as_uri())' "$WORK/store")/"
for rep in $(seq "$REPS"); do
  rm -rf "$WORK/store"/* "$WORK/copy.bin" "$WORK/back.bin" "$WORK/tree-copy" "$WORK/tree-back"; sync
  echo "cp-file $BYTES $(timed cp "$WORK/source.bin" "$WORK/copy.bin") 0" | tee -a "$RESULTS"; sync
  artifact upload "$FILE_ROOT" "r$rep/file" "$WORK/source.bin" | sed 's/^/file-/' | tee -a "$RESULTS"; sync
  artifact download "$FILE_ROOT" "r$rep/file" "$WORK/back.bin" | sed 's/^/file-/' | tee -a "$RESULTS"
  cmp -s "$WORK/source.bin" "$WORK/back.bin" || { echo "file artifact differs" >&2; exit 1; }
  echo "cp-r-tree $FILES $(timed cp -r "$WORK/tree" "$WORK/tree-copy") 0" | tee -a "$RESULTS"; sync
  artifact upload "$FILE_ROOT" "r$rep/tree" "$WORK/tree" | sed 's/^/tree-/' | tee -a "$RESULTS"; sync
  artifact download "$FILE_ROOT" "r$rep/tree" "$WORK/tree-back" | sed 's/^/tree-/' | tee -a "$RESULTS"
  diff -r "$WORK/tree" "$WORK/tree-back" >/dev/null || { echo "directory artifact differs" >&2; exit 1; }
  raw raw-upload "$ENDPOINT" bench "raw$rep.bin" "$BYTES" | awk '{print "sdk-" $1, $2, $3, $4}' | tee -a "$RESULTS"
  artifact upload "s3://bench/" "a$rep" "$WORK/source.bin" "$ENDPOINT" | sed 's/^/s3-/' | tee -a "$RESULTS"
  raw raw-download "$ENDPOINT" bench "raw$rep.bin" | awk '{print "sdk-" $1, $2, $3, $4}' | tee -a "$RESULTS"
  rm -f "$WORK/back.bin"
  artifact download "s3://bench/" "a$rep" "$WORK/back.bin" "$ENDPOINT" | sed 's/^/s3-/' | tee -a "$RESULTS"
  rm -rf "$WORK/s3/bench"/* 
done

awk -v mib="$MIB" -v files="$FILES" '
  { secs[$1] = secs[$1] " " $3; if ($4 > peak[$1]) peak[$1] = $4 }
  function median(list,   a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    printf "\n| transfer | median s | peak heap MiB |\n|---|---|---|\n"
    n = split("cp-file file-upload file-download sdk-raw-upload s3-upload sdk-raw-download s3-download cp-r-tree tree-upload tree-download", order, " ")
    for (i = 1; i <= n; i++) { m = order[i]; med[m] = median(secs[m]); printf "| %s | %.2f | %s |\n", m, med[m], peak[m] ? sprintf("%.1f", peak[m] / 1048576) : "-" }
    printf "\nratios (baseline time / artifact time; 1.0 = as fast): file upload %.2fx of cp, download %.2fx of cp;", med["cp-file"] / med["file-upload"], med["cp-file"] / med["file-download"]
    printf " S3 upload %.2fx of the SDK, download %.2fx; %d-file directory upload %.2fx of cp -r, download %.2fx\n", med["sdk-raw-upload"] / med["s3-upload"], med["sdk-raw-download"] / med["s3-download"], files, med["cp-r-tree"] / med["tree-upload"], med["cp-r-tree"] / med["tree-download"]
  }' "$RESULTS"
