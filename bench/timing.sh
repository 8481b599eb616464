# shellcheck shell=bash
# Timing and the results table shared by bench/entrypoint.sh and bench/step-programs.sh (sourced, not run).
# A script times each variant per round with `measure` and `record`, then prints `results_table`, naming its
# variants with a function `label VARIANT`; the first variant in VARIANTS ("hello") is the baseline of the ratios.

# Wall time with bash's `time` (real) and, as a second view that machine load disturbs less,
# the process's CPU time (user + sys, all JVM threads).
TIMEFORMAT='%3R %3U %3S'
measure() { { time "$@" >/dev/null 2>&1; } 2>&1; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
declare -A wall cpu

# record VARIANT "REAL USER SYS": one round's time of VARIANT (what `measure` printed), in ms.
record() {
  local real user sys
  read -r real user sys <<<"$2"
  wall[$1]+="$(awk -v r="$real" 'BEGIN {printf "%d", r * 1000}') "
  cpu[$1]+="$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%d", (u + s) * 1000}') "
}

med() { tr ' ' '\n' <<<"$1" | grep . | median; }
lo() { tr ' ' '\n' <<<"$1" | grep . | sort -n | head -1; }
hi() { tr ' ' '\n' <<<"$1" | grep . | sort -n | tail -1; }

# The table of every variant in VARIANTS: median wall and CPU, ratios to the "hello" variant, min-max.
results_table() {
  local w0 c0 w c variant
  w0=$(med "${wall[hello]}")
  c0=$(med "${cpu[hello]}")
  printf '| %-44s | %9s | %6s | %15s | %9s | %6s | %15s |\n' "variant ($RUNS rounds, interleaved)" "wall" "ratio" "wall min-max" "cpu" "ratio" "cpu min-max"
  printf '| %-44s | %9s | %6s | %15s | %9s | %6s | %15s |\n' "---" "---:" "---:" "---:" "---:" "---:" "---:"
  for variant in "${VARIANTS[@]}"; do
    w=$(med "${wall[$variant]}")
    c=$(med "${cpu[$variant]}")
    printf '| %-44s | %6s ms | %5.2fx | %15s | %6s ms | %5.2fx | %15s |\n' \
      "$(label "$variant")" "$w" "$(awk -v a="$w" -v b="$w0" 'BEGIN {print a / b}')" "$(lo "${wall[$variant]}")-$(hi "${wall[$variant]}") ms" \
      "$c" "$(awk -v a="$c" -v b="$c0" 'BEGIN {print a / b}')" "$(lo "${cpu[$variant]}")-$(hi "${cpu[$variant]}") ms"
  done
}
