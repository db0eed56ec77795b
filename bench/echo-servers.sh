#!/usr/bin/env bash
# The course's EchoServer (as `lessons serve echo` runs it) against the yardsticks of ../shared/tools,
# in one run, one after the other with the same load: the C epoll echo server and the tutorials'
# Python thread-per-client server. Three loads (100 connections x 64 B, 1,000 x 64 B, 1 x 64 KiB),
# ROUNDS rounds, each server in turn; prints every measurement and the ratios.
# Usage: bench/echo-servers.sh [SECONDS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5} rounds=${2:-2}
tools=$(mktemp -d)
server=""
trap '[[ -n $server ]] && kill $server 2>/dev/null; rm -rf "$tools"' EXIT
cp ../shared/tools/*.c ../shared/tools/Makefile ../shared/tools/seed_echo_server.py "$tools"/ && make -s -C "$tools" >/dev/null
dotnet build -c Release lib/NetworkingLessons.Cli -v q -nologo >/dev/null
lessons=lib/NetworkingLessons.Cli/bin/Release/net10.0/lessons.dll
ulimit -n 20000

start() { # start NAME PORT: the server, and wait until it accepts
  case $1 in
    c) "$tools/echo-epoll" "$2" >/dev/null & ;;
    python) python3 "$tools/seed_echo_server.py" "$2" >/dev/null 2>&1 & ;;
    course) dotnet "$lessons" serve echo --port "$2" >/dev/null & ;;
  esac
  server=$!
  for _ in $(seq 100); do
    python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', int(sys.argv[1])), 0.2).close()" "$2" 2>/dev/null && return
    sleep 0.1
  done
  echo "$1 did not start" >&2; exit 1
}
stop() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }

declare -A rps p99 mbps
for round in $(seq "$rounds"); do
  for name in c course python; do
    port=$((20000 + RANDOM % 20000))
    start "$name" "$port"
    for load in "100 64" "1000 64" "1 65536"; do
      set -- $load
      line=$("$tools/echo-load" 127.0.0.1 "$port" "$1" "$2" "$seconds" || true)
      echo "round $round $name: $line"
      key="$name $1 $2"
      rps[$key]="${rps[$key]:-} $(sed -n 's/.* rps=\([0-9]*\).*/\1/p' <<<"$line")"
      p99[$key]="${p99[$key]:-} $(sed -n 's/.* p99_us=\([0-9]*\).*/\1/p' <<<"$line")"
      mbps[$key]="${mbps[$key]:-} $(sed -n 's/.* MBps=\([0-9.]*\).*/\1/p' <<<"$line")"
    done
    stop
  done
done

median() { python3 -c "import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))" $1; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }
echo
echo "medians over $rounds rounds of $seconds s:"
for load in "100 64" "1000 64" "1 65536"; do
  set -- $load
  c=$(median "${rps[c $1 $2]}") course=$(median "${rps[course $1 $2]}") python=$(median "${rps[python $1 $2]}")
  cp99=$(median "${p99[c $1 $2]}") coursep99=$(median "${p99[course $1 $2]}")
  cmb=$(median "${mbps[c $1 $2]}") coursemb=$(median "${mbps[course $1 $2]}")
  echo "$1 x $2 B: course $course rt/s, C $c, Python $python; course/C $(ratio "$course" "$c"), course/Python $(ratio "$course" "$python"); p99 course $coursep99 us, C $cp99 us, ratio $(ratio "$coursep99" "$cp99"); MB/s course/C $(ratio "$coursemb" "$cmb")"
done
