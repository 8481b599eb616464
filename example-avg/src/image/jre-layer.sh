#!/usr/bin/env bash
# The Java runtime of the offline image: a jlink'ed JRE of the building JDK at /opt/java/openjdk (where
# eclipse-temurin images keep theirs) plus the few shared libraries it links against, copied from this
# machine (on Debian 12: libc6, libgcc-s1, libstdc++6, zlib1g). Jib adds the folder as one layer on top of
# 'scratch', so no registry is needed. Linux only (it uses ldd); elsewhere build with a JRE base image:
# -Dkfp4j.image.base=eclipse-temurin:17-jre -Dkfp4j.image.jre=none.
#
#   jre-layer.sh JLINK OUT MODULES
#
# OUT is rebuilt only when the JDK or the module list changed (a stamp file records both). Every file's time is
# set to Jib's (1970-01-01T00:00:01Z, what the image's layers carry): a start-up archive recorded with this JRE on
# the build machine (cds-archive.sh) checks the time of lib/modules, and must find the one it has in the image.
set -euo pipefail
jlink=$1
out=$2
modules=$3
if [ "$(basename "$out")" = none ]; then
  echo "jre-layer: none (the base image brings the JRE)"
  exit 0
fi
stamp="$jlink $("$jlink" --version) $modules jib-times"
if [ -f "$out.stamp" ] && [ "$(cat "$out.stamp")" = "$stamp" ] && [ -d "$out" ]; then
  echo "jre-layer: $out is up to date"
  exit 0
fi
rm -rf "$out" "$out.stamp"
mkdir -p "$out/opt/java" "$out/tmp"
"$jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --output "$out/opt/java/openjdk"
java_home="$out/opt/java/openjdk"
# The libraries the launcher, the VM and the JDK's native libraries need, at the paths ldd finds them here
# (the dynamic loader at its absolute path, which the 'java' executable names).
libs=$(ldd "$java_home/bin/java" "$java_home/lib/server/libjvm.so" "$java_home"/lib/*.so \
  | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' | sort -u)
for lib in $libs; do
  case "$lib" in
    "$out"/*|*/opt/java/openjdk/*) continue ;;
  esac
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done
if ! ls "$out"/lib64/ld-linux* > /dev/null 2>&1 && ! ls "$out"/lib/ld-linux* > /dev/null 2>&1; then
  echo "jre-layer: no dynamic loader found by ldd; this script needs a glibc Linux" >&2
  exit 1
fi
find "$out" -exec touch -h -d @1 {} +
echo "$stamp" > "$out.stamp"
echo "jre-layer: $(du -sh "$out" | cut -f1) in $out"
