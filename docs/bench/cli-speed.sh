#!/usr/bin/env bash
# How fast the command line answers, on a warm machine: `bash docs/bench/cli-speed.sh [RUNS]` (default 10).
#
# Times, RUNS times each and in interleaved rounds (so a burst of load on the machine hits every row alike):
#   - the JVM's own start, the floor: a class that prints one line, with java's defaults and with the launcher's flags;
#   - `bash examples/seed --help` and `bash examples/seed plan` (the first plan on the embedded cloud: everything to
#     create; the script stops if the plan is another, e.g. after an apply the cloud remembers);
#   - the same plan as `java` started straight with the launcher's flags and archive (what the launcher's bash costs),
#     and through the launcher without the class-data-sharing archive (STACKWRIGHT_CDS=off: what the archive gives).
# One warm-up run of each comes first: it builds when the sources changed and records the verbs' archives.
# `bash docs/bench/cli-speed.sh flags [RUNS]` times the seed's plan and --help under each combination of the JVM flags
# the launcher could take, java started straight with each combination's own archive.
# `bash docs/bench/cli-speed.sh phases [RUNS]` runs docs/bench/CliPhases.java (the plan's steps, each timed inside
# one fresh JVM) with the launcher's flags and an archive of its own: where the plan's time goes.
#
# Writes the raw figures (one line per run: row, wall, user, sys in seconds) to target/cli-speed/*.tsv and the
# medians, min and max into docs/benchmarks.md between the markers of its "Command-line speed" section.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
mode=main
if [ "${1:-}" = flags ] || [ "${1:-}" = phases ]; then
  mode=$1
  shift
fi
runs=${1:-10}
out="$top/target/cli-speed"
mkdir -p "$out/hello"
raw="$out/$mode.tsv"
: > "$raw"
cd "$top"

cat > "$out/hello/Hello.java" <<'EOF'
public class Hello {
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
EOF
[ -f "$out/hello/Hello.class" ] || javac -d "$out/hello" "$out/hello/Hello.java"

# warm-up: builds when needed, records the archives of the verbs timed below
bash examples/seed --help > /dev/null
first_plan=$(bash examples/seed plan 2>/dev/null | tail -1)
case "$first_plan" in
  "Plan: 22 to create, 0 to update, 0 to replace, 0 to delete.") ;;
  *) echo "the seed's plan is not the first one (\"$first_plan\"): run 'bash examples/seed destroy --yes' first" >&2
     exit 2 ;;
esac
bash examples/seed plan > /dev/null 2>&1
classpath=$(< examples/target/launch/classpath)
# shellcheck disable=SC2207 # the launcher's own java options, as examples/launch.sh writes them
launcher_flags=($(sed -n 's/^java_opts=(\(.*\))$/\1/p' examples/launch.sh))
main=dev.stackwright.examples.SeedCluster
plan_archive=$(ls -t examples/target/launch/cds/plan-*.jsa | head -1)

# time LABEL COMMAND...: one run, its wall, user and system seconds appended to the raw file
time_one() {
  local label=$1 t
  shift
  t=$( { TIMEFORMAT='%3R %3U %3S'; time "$@" > /dev/null 2>&1; } 2>&1 )
  printf '%s\t%s\n' "$label" "${t// /$'\t'}" >> "$raw"
}

# summary LABEL...: a markdown row per label: median, min and max wall, median CPU (user + system)
summary() {
  local label
  for label in "$@"; do
    awk -F'\t' -v l="$label" '$1 == l { w[++n] = $2; c[n] = $3 + $4 }
      function median(a, n,   i, j, t) {
        for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j > 0 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
      }
      END {
        m = median(w, n); lo = w[1]; hi = w[n]; mc = median(c, n)
        printf "| %s | %.2f s | %.2f s | %.2f s | %.2f s |\n", l, m, lo, hi, mc
      }' "$raw"
  done
}

if [ "$mode" = main ]; then
  rows=("JVM alone, java's defaults" "JVM alone, the launcher's flags" "bash examples/seed --help"
    "bash examples/seed plan" "plan, java started straight (flags + archive)" "plan without the archive")
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  for ((r = 0; r < runs; r++)); do
    time_one "${rows[0]}" java -cp "$out/hello" Hello
    time_one "${rows[1]}" java "${launcher_flags[@]}" -cp "$out/hello" Hello
    time_one "${rows[2]}" bash examples/seed --help
    time_one "${rows[3]}" bash examples/seed plan
    time_one "${rows[4]}" java "${launcher_flags[@]}" -XX:SharedArchiveFile="$plan_archive" \
      -cp "$classpath" "$main" plan
    time_one "${rows[5]}" env STACKWRIGHT_CDS=off bash examples/seed plan
  done
  table=$(summary "${rows[@]}")
elif [ "$mode" = phases ]; then
  mkdir -p "$out/phases"
  javac -d "$out/phases" -cp "$classpath" "$here/CliPhases.java"
  jar cf "$out/phases.jar" -C "$out/phases" .
  phases_cp="$out/phases.jar:$classpath"
  rm -f "$out/phases.jsa"
  java "${launcher_flags[@]}" -XX:ArchiveClassesAtExit="$out/phases.jsa" -cp "$phases_cp" CliPhases > /dev/null 2>&1
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  for ((r = 0; r < runs; r++)); do
    java "${launcher_flags[@]}" -XX:SharedArchiveFile="$out/phases.jsa" -cp "$phases_cp" CliPhases 2> /dev/null \
      | tr ' =' '\n\t' >> "$raw"
  done
  mapfile -t rows < <(cut -f1 "$raw" | awk '!seen[$0]++')
  table=$(for row in "${rows[@]}"; do
    awk -F'\t' -v l="$row" '$1 == l { v[++n] = $2 }
      END {
        for (i = 2; i <= n; i++) { t = v[i]; for (j = i - 1; j > 0 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
        m = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
        printf "| %s | %d ms | %d ms | %d ms |\n", l, m, v[1], v[n]
      }' "$raw"
  done)
else
  combos=("defaults|" "C1|-XX:TieredStopAtLevel=1" "serial GC|-XX:+UseSerialGC"
    "C1 + serial GC|-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
    "C1 + serial GC, -Xshare:off|-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:off")
  rows=()
  mkdir -p "$out/flags"
  for verb in plan --help; do
    for c in "${combos[@]}"; do
      name=${c%%|*}
      # shellcheck disable=SC2206 # the combination's flags, one word each
      flags=(${c#*|})
      archive="$out/flags/${verb#--}-${name//[^a-zA-Z0-9]/_}.jsa"
      rm -f "$archive"
      [[ "${c#*|}" == *Xshare:off* ]] || java "${flags[@]}" -Xlog:cds=off -XX:ArchiveClassesAtExit="$archive" \
        -cp "$classpath" "$main" "$verb" > /dev/null 2>&1
    done
  done
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  for ((r = 0; r < runs; r++)); do
    for verb in plan --help; do
      for c in "${combos[@]}"; do
        name=${c%%|*}
        # shellcheck disable=SC2206
        flags=(${c#*|})
        archive="$out/flags/${verb#--}-${name//[^a-zA-Z0-9]/_}.jsa"
        time_one "$verb, $name" java "${flags[@]}" -cp "$classpath" "$main" "$verb"
        [ -f "$archive" ] && time_one "$verb, $name + archive" java "${flags[@]}" -Xlog:cds=off \
          -XX:SharedArchiveFile="$archive" -cp "$classpath" "$main" "$verb"
      done
    done
  done
  mapfile -t rows < <(cut -f1 "$raw" | awk '!seen[$0]++')
  table=$(summary "${rows[@]}")
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

header="| run | median wall | min | max | median CPU (user + sys) |
|---|---|---|---|---|"
[ "$mode" != phases ] || header="| phase, in one JVM (ms since the previous) | median | min | max |
|---|---|---|---|"
invocation="bash docs/bench/cli-speed.sh"
[ "$mode" = main ] || invocation+=" $mode"
how="$runs runs of each row in interleaved rounds after one warm-up"
[ "$mode" != phases ] || how="$runs runs, each phase timed inside each run, after one warm-up"
block="Measured $(date -u +'%Y-%m-%d %H:%M') UTC by \`$invocation $runs\`: $how, $(nproc) cores, load average $load_before before and $load_after after, $(java -version 2>&1 | head -1 | tr -d '"'). Raw figures: \`target/cli-speed/$mode.tsv\`.

$header
$table"

# the figures go between this mode's markers in docs/benchmarks.md; the prose around them is written by hand
doc="$top/docs/benchmarks.md"
begin="<!-- cli-speed:$mode:begin -->"
end="<!-- cli-speed:$mode:end -->"
if grep -qF "$begin" "$doc"; then
  BLOCK="$block" awk -v b="$begin" -v e="$end" '
    $0 == b { print; print ENVIRON["BLOCK"]; skip = 1; next }
    $0 == e { skip = 0 }
    !skip' "$doc" > "$doc.new"
  mv "$doc.new" "$doc"
else
  printf '\n%s\n%s\n%s\n' "$begin" "$block" "$end" >> "$doc"
fi
echo "$block"
