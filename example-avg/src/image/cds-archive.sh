#!/usr/bin/env bash
# The image's start-up archive (AppCDS): recorded on the build machine, with the image's own JRE, on a copy of the
# image's /app tree that has the image's file sizes and times, by a training run of the entrypoints
# (dev.kfp4j.runtime.entrypoint.TrainingMain). Jib adds OUT at / (an extra directory), so the archive lands at
# ARCHIVE in the image, where the specs' -XX:SharedArchiveFile names it (one Maven property feeds both).
#
#   cds-archive.sh JAVA ARCHIVE CLASSPATH APP_ROOT STAGE OUT PROJECT_JAR
#
#   JAVA       the image's java, on this machine (target/image-jre/opt/java/openjdk/bin/java)
#   ARCHIVE    the archive's path in the image (/app/kfp4j.jsa); empty or 'none': no archive (OUT left empty)
#   CLASSPATH  the specs' -cp in the image (/app/classpath/<project>.jar): jars under APP_ROOT, no wildcards
#   APP_ROOT   Jib's appRoot (/app), the image's working directory
#   STAGE      this machine's copy of APP_ROOT, libs/ as Jib lays them out (maven-dependency-plugin copies them)
#   OUT        the folder Jib adds at / (ARCHIVE is written at OUT/ARCHIVE)
#   PROJECT_JAR  the project's jar, copied into STAGE at CLASSPATH's first entry
#
# How the archive finds its jars in the image: the recording JVM runs in STAGE with the classpath relative to it
# (classpath/<project>.jar, whose manifest Class-Path names ../libs/…). JDK 17 records those relative paths; the
# image's JVM, started in APP_ROOT with the absolute /app/… paths, finds the same files (it compares files, not
# strings), with the same sizes and times (Jib's: 1970-01-01T00:00:01Z, set on STAGE here). The JRE's lib/modules
# is checked the same way (jre-layer.sh gives its files Jib's time). A JVM whose classpath or JDK differ does not
# map the archive; the specs' -Xshare:auto then runs the step without it.
#
# Recorded with -Xshare:dump from the class list of the training run (a static archive: the jlink'ed JRE has no
# default CDS archive for a dynamic one to sit on), with the serial collector (no archived heap objects, which
# JDK 17 lays out differently on each run). JDK 17 still orders parts of the archive by the order in which VM
# threads created symbols, so two recordings can differ in a few kilobytes; the flags below (one malloc arena, no
# address randomisation, interpreter only, no signal thread) make that rare but not impossible. The archive is
# therefore recorded only when its inputs change (OUT.stamp: the JRE, the classpath, the jars' digests), and both
# image builds of one Maven run use the same file. See docs/container-steps.md.
set -euo pipefail
java=$1
archive=$2
classpath=$3
app_root=${4%/}
stage=$5
out=$6
project_jar=$7
if [ -z "$archive" ] || [ "$archive" = none ]; then
  rm -rf "$out" "$out.stamp"
  mkdir -p "$out"
  echo "cds-archive: none (-Dkfp4j.image.cds= turns it off; the specs then name none)"
  exit 0
fi
case "$archive" in
  /*) ;;
  *) echo "cds-archive: the archive's path in the image must be absolute, not '$archive'" >&2; exit 1 ;;
esac
if [ ! -x "$java" ]; then
  echo "cds-archive: no $java: the archive is recorded with the image's own JRE (the JRE layer); with a base image" \
    "that brings the JRE (-Dkfp4j.image.jre=none) record none: -Dkfp4j.image.cds=" >&2
  exit 1
fi
# The classpath relative to APP_ROOT, as the recording JVM in STAGE gives it.
relative=()
first=${classpath%%:*}
mkdir -p "$(dirname "$stage/${first#"$app_root"/}")"
cp "$project_jar" "$stage/${first#"$app_root"/}"
IFS=: read -r -a entries <<< "$classpath"
for entry in "${entries[@]}"; do
  case "$entry" in
    *'*'*) echo "cds-archive: '$entry' in the classpath: a wildcard expands in directory order, which differs" \
      "between this machine and the image, and an archive maps only for the classpath it was recorded with;" \
      "name the jars (a manifest Class-Path keeps the list in the jar)" >&2; exit 1 ;;
    "$app_root"/*) relative+=("${entry#"$app_root"/}") ;;
    *) echo "cds-archive: '$entry' is not under the image's app root $app_root" >&2; exit 1 ;;
  esac
  [ -f "$stage/${entry#"$app_root"/}" ] || { echo "cds-archive: no $stage/${entry#"$app_root"/} (the image's $entry)" >&2; exit 1; }
done
cp_relative=$(IFS=:; echo "${relative[*]}")
cp_stage=$(IFS=:; for r in "${relative[@]}"; do printf '%s\n' "$stage/$r"; done | paste -sd:)
find "$stage" -exec touch -h -d @1 {} +

stamp="$(sha256sum < "$0") $("$java" -version 2>&1 | tr '\n' ' ') $(sha256sum < "$(dirname "$java")/../lib/modules") $archive $cp_relative $(cd "$stage" && find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum)"
target="$out$archive"
if [ -f "$out.stamp" ] && [ "$(cat "$out.stamp")" = "$stamp" ] && [ -f "$target" ]; then
  echo "cds-archive: $target is up to date"
  exit 0
fi
rm -rf "$out" "$out.stamp"
mkdir -p "$(dirname "$target")"
work=$(mktemp -d "${TMPDIR:-/tmp}/kfp4j-cds.XXXXXX")
trap 'rm -rf "$work"' EXIT
step=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
main=dev.kfp4j.runtime.entrypoint.TrainingMain

# 1. The training run: the sample component through both protocols (as a generated entrypoint runs it and through the
#    shared entrypoint), every *Entrypoint of the project's jar loaded, every other component of its descriptors
#    loaded as the shared entrypoint loads it (-Akfp4j.entrypoints=shared);
#    an empty environment, as in the container (no LANG: the same charset classes).
(cd "$stage" && env -i PATH=/usr/bin:/bin "$java" "${step[@]}" -Xshare:off -XX:DumpLoadedClassList="$work/classes.lst" -cp "$cp_relative" \
  "$main" --scan "${relative[0]}") > "$work/training.log" 2>&1 \
  || { cat "$work/training.log" >&2; echo "cds-archive: the training run failed" >&2; exit 1; }
# 2. The archive, from that class list.
setarch=()
if command -v setarch > /dev/null && setarch "$(uname -m)" -R true 2> /dev/null; then
  setarch=(setarch "$(uname -m)" -R)
fi
(cd "$stage" && MALLOC_ARENA_MAX=1 "${setarch[@]}" "$java" -Xint -XX:+UseSerialGC -XX:+ReduceSignalUsage -XX:-UsePerfData \
  -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" -XX:SharedArchiveFile="$target" -cp "$cp_relative") \
  > "$work/dump.log" 2>&1 || { cat "$work/dump.log" >&2; echo "cds-archive: recording $target failed" >&2; exit 1; }
# 3. Check it the way the image uses it: absolute paths from the app root, and -Xshare:on (fails if it cannot map).
(cd "$stage" && "$java" "${step[@]}" -Xshare:on -XX:SharedArchiveFile="$target" -cp "$cp_stage" "$main") \
  > "$work/check.log" 2>&1 || { cat "$work/check.log" >&2; echo "cds-archive: $target does not map" >&2; exit 1; }
echo "$stamp" > "$out.stamp"
echo "cds-archive: $target, $(du -k "$target" | cut -f1) KB, $(grep -vc '^#' "$work/classes.lst") classes"
