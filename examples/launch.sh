#!/usr/bin/env bash
# The launcher of the examples' command lines: `bash examples/launch.sh MAIN_CLASS VERB [OPTIONS]`, which
# examples/seed and examples/redis call. It builds only when a source changed since the last build, then starts java
# straight away on a cached class path, with a class-data-sharing archive of the verb's classes (docs/engine.md,
# "The launcher").
#
#   - Build: `mvn package -DskipTests -pl examples -am`, when there is no build yet, when the top pom.xml or a
#     module's pom.xml, or a file or directory under its src/main/java or src/main/resources, is newer than
#     examples/target/launch/built (test sources and the demo application's __pycache__ change nothing the java run
#     loads), or when a class path entry is gone (a `mvn clean` of one module). Nothing is installed in ~/.m2.
#     The stamp is removed before a build and put back only after it succeeded, so a failed build is retried.
#   - Class path: examples/target/launch/classpath, written after each build (the reactor's jars and the
#     dependencies'; jars only, which is what class-data sharing takes).
#   - AppCDS: the first run of a verb after a build writes a dynamic archive of the classes it loaded
#     (-XX:ArchiveClassesAtExit); later runs of that verb map it (-XX:SharedArchiveFile). Its name carries a
#     checksum of the java binary, the class path and each entry's size and time, so any change makes a new one. An
#     archive is kept only when java could map it (a truncated one would crash the JVM), and used only when it was
#     not written since (its .ok file is as new); otherwise the run goes without it.
#   - STACKWRIGHT_JAVA_OPTS: more options for java, after the launcher's own (such a run records no archive);
#     STACKWRIGHT_CDS=off runs without the archive, for measuring.
# Fresh machine: installs Java 17 and Maven when root and missing, then builds on first use.
set -euo pipefail
# few processes: each costs milliseconds, and tens of them on a loaded machine
[[ "$0" == */* ]] && here=${0%/*} || here=.
here=$(cd "$here" && pwd)
top=${here%/*}
main=${1:?usage: launch.sh MAIN_CLASS [VERB] [OPTIONS]}
shift
state="$here/target/launch"
stamp="$state/built"
cp_file="$state/classpath"

# Measured on the seed's plan and --help (docs/benchmarks.md, "Command-line speed"): C1 only takes a plan's CPU from
# 1.87 s to 1.00 s (the serial collector changed nothing, so it is not taken); -Xshare:auto maps the archive when it
# can and runs without it when not, never failing the run. Logging of CDS is off: its warnings go to stdout.
java_opts=(-XX:TieredStopAtLevel=1 -Xshare:auto -Xlog:cds=off,cds+dynamic=off)

needs_build() {
  [ -f "$stamp" ] && [ -s "$cp_file" ] || return 0
  local entry module path watched=("$top/pom.xml")
  IFS=: read -r -a entries < "$cp_file"
  for entry in "${entries[@]}"; do
    [ -e "$entry" ] || return 0
    case "$entry" in
      "$top"/*/target/*)
        module=${entry%/target/*}
        for path in "$module/pom.xml" "$module/src/main/java" "$module/src/main/resources"; do
          [ -e "$path" ] && watched+=("$path")
        done ;;
    esac
  done
  [ -n "$(find "${watched[@]}" -newer "$stamp" -print -quit)" ]
}

ensure_tools() {
  command -v mvn >/dev/null && command -v javac >/dev/null && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "stackwright needs Java 17 and Maven: run 'sudo apt-get install -y openjdk-17-jdk-headless maven' first" >&2
    exit 2
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
}

build() {
  ensure_tools
  echo "building stackwright (the first run, or a source changed since the last build; ~20-90 s)..." >&2
  rm -f "$stamp"
  : > "$state/building"   # its time is the build's start: a file saved during the build is newer than the stamp
  # Debian's Maven 3.8 prints colour resets even with -B -q: taken out
  (cd "$top" && mvn -B -q -ntp package -DskipTests -pl examples -am 2>&1 | sed 's/\x1b\[0m//g' >&2)
  local jar
  jar=$(ls "$here"/target/stackwright-examples-*.jar | grep -v -- '-tests.jar$' | head -1)
  printf '%s:%s\n' "$jar" "$(tr -d '\n' < "$here/target/runtime-classpath.txt")" > "$cp_file.new"
  mv "$cp_file.new" "$cp_file"
  rm -rf "$state/cds"
  mv "$state/building" "$stamp"
}

mkdir -p "$state"
if needs_build; then
  # one build at a time; the second caller finds it done
  exec 9> "$state/lock"
  flock 9
  if needs_build; then
    build
  fi
  exec 9>&-
fi
classpath=$(< "$cp_file")
command -v java >/dev/null || ensure_tools

# The verb names the archive: its first run records what that verb loads.
verb=other
for a in "$@"; do
  case "$a" in
    -h|--help|help) verb=help; break ;;
  esac
done
if [ "$verb" = other ] && [[ "${1:-}" =~ ^[a-z][a-z-]*$ ]]; then
  verb=$1
fi

# The archive's key: a checksum of the JDK (the java binary, its modules image and libjvm: an update replaces them),
# the class path and each entry's size and time, worked out again only when one of them is newer than the key's file
# (tests of the shell's own, no process each run but one readlink). Its bookkeeping is best-effort: a directory that
# cannot be written (a tree built by root, run by another user) means no archive, never a failed run.
archive_key() {
  local java_bin java_home entry kept_java="" kept_key="" key_file="$state/cds/key-${main##*.}"
  java_bin=$(type -P java)
  java_home=$(readlink -f "$java_bin"); java_home=${java_home%/bin/java}
  jdk_files=("$java_bin" "$java_home/lib/modules" "$java_home/lib/server/libjvm.so")
  [ ! -s "$key_file" ] || { read -r kept_java; read -r kept_key; } < "$key_file"
  if [ "$kept_java" = "$java_bin" ] && [ ! "$cp_file" -nt "$key_file" ]; then
    for entry in "${jdk_files[@]}" "${entries[@]}"; do
      [ ! "$entry" -nt "$key_file" ] || { kept_key=""; break; }
    done
    if [ -n "$kept_key" ]; then
      key=$kept_key
      return
    fi
  fi
  key=$(stat -L -c '%n %s %Y' "${jdk_files[@]}" "${entries[@]}" 2>/dev/null \
    | { cat; echo "$main ${java_opts[*]}"; } | cksum | cut -d' ' -f1)
  { mkdir -p "$state/cds" && printf '%s\n%s\n' "$java_bin" "$key" > "$key_file.$$" \
    && mv "$key_file.$$" "$key_file"; } 2>/dev/null || rm -f "$key_file.$$" 2>/dev/null || true
}

cds_opts=()
cds_dump=""
if [ "${STACKWRIGHT_CDS:-on}" != off ]; then
  IFS=: read -r -a entries <<< "$classpath"
  archive_key
  archive="$state/cds/$verb-$key.jsa"
  if [ -f "$archive" ]; then
    # kept only after java mapped it, with its size and time to the nanosecond; written since (truncated, say), it
    # could crash the JVM: not used (a time comparison alone missed a write in the same tick as the keep)
    kept="" now=$(stat -c '%s %.9Y' "$archive" 2>/dev/null) || now=""
    [ ! -s "$archive.ok" ] || read -r kept < "$archive.ok"
    if [ -n "$now" ] && [ "$kept" = "$now" ]; then
      cds_opts=(-XX:SharedArchiveFile="$archive")
    fi
  elif [ ! -e "$state/cds/$verb-$key.unusable" ] && [ -z "${STACKWRIGHT_JAVA_OPTS:-}" ] && [ -w "$state/cds" ]; then
    # (a run with options of its own, -version say, may not be the verb's run: it records nothing)
    # class-data sharing takes jars only: a directory on the class path would fail the run at its exit
    all_jars=yes
    for entry in "${entries[@]}"; do [ -f "$entry" ] || all_jars=no; done
    if [ "$all_jars" = yes ]; then
      cds_dump="$state/cds/$verb-$key.$$.tmp"
      cds_opts=(-XX:ArchiveClassesAtExit="$cds_dump")
    fi
  fi
fi

# shellcheck disable=SC2086 # STACKWRIGHT_JAVA_OPTS is a list of options
cmd=(java "${java_opts[@]}" "${cds_opts[@]}" ${STACKWRIGHT_JAVA_OPTS:-} -cp "$classpath" "$main" "$@")
cd "$top"
if [ -z "$cds_dump" ]; then
  exec "${cmd[@]}"
fi

# The recording run: keep its archive when the verb ran to its end and java can map what it wrote.
status=0
"${cmd[@]}" || status=$?
if [ "$status" = 0 ] || [ "$status" = 4 ]; then
  if [ -s "$cds_dump" ] && java "${java_opts[@]}" -Xshare:on -XX:SharedArchiveFile="$cds_dump" -Xlog:disable \
      -cp "$classpath" -version >/dev/null 2>&1; then
    { rm -f "$state/cds/$verb"-*.jsa "$state/cds/$verb"-*.jsa.ok   # this verb's archives for other keys
      mv "$cds_dump" "$archive" && stat -c '%s %.9Y' "$archive" > "$archive.ok"; } 2>/dev/null || true
  else
    { : > "$state/cds/$verb-$key.unusable"; } 2>/dev/null || true
  fi
fi
rm -f "$cds_dump" 2>/dev/null || true
exit "$status"
