#!/usr/bin/env bash
# Echo round trips per second against the C epoll echo server, with and without a capture of its
# port running, alternating three times in one run. Needs root (or CAP_NET_RAW) for the capture.
# Usage: bench/capture-overhead.sh [CONNECTIONS] [SIZE] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
conns=${1:-8} size=${2:-64} seconds=${3:-4}
tools=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$tools"' EXIT
cp ../shared/tools/*.c ../shared/tools/Makefile "$tools"/ && make -s -C "$tools" >/dev/null
dotnet build -c Release bench/NetworkingLessons.Benchmarks -v q -nologo >/dev/null
bench=bench/NetworkingLessons.Benchmarks/bin/Release/net10.0/NetworkingLessons.Benchmarks.dll
port=$((20000 + RANDOM % 20000))
"$tools/echo-epoll" "$port" >/dev/null &
server=$!
sleep 0.5 # the C server has no ready signal; echo-load fails loudly if it is not up
rate() { "$tools/echo-load" 127.0.0.1 "$port" "$conns" "$size" "$seconds" | sed -n 's/.* rps=\([0-9]*\).*/\1/p'; }
for round in 1 2 3; do
  without=$(rate)
  coproc capture { dotnet "$bench" capture "$port" $((seconds + 6)); }
  read -r ready <&"${capture[0]}"
  with=$(rate)
  read -r summary <&"${capture[0]}" || true
  wait "$capture_PID" || true
  echo "round $round: without capture $without rt/s, with capture $with rt/s, ratio $(python3 -c "print(f'{$with / $without:.2f}')") ($summary)"
done
