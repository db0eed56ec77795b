#!/usr/bin/env bash
# The course's SntpClient against the tutorials' minimal Python client ('\x1b' + 47 zero bytes,
# '!12I'), in one run, one after the other, each asking Debian's chronyd on 127.0.0.123:123 (its
# local clock; loopback only, so no rate limit applies) COUNT times in a row. Prints the median and
# p99 round trip of each and the ratio course/Python. Needs root (port 123) and chrony.
# Usage: bench/sntp-client.sh [COUNT] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-2000} rounds=${2:-3}
work=$(mktemp -d)
chrony=""
trap '[[ -n $chrony ]] && kill $chrony 2>/dev/null; rm -rf "$work"' EXIT
cat >"$work/chrony.conf" <<CONF
port 123
bindaddress 127.0.0.123
cmdport 0
local stratum 3
allow 127.0.0.0/8
driftfile $work/drift
pidfile $work/chronyd.pid
CONF
/usr/sbin/chronyd -d -x -f "$work/chrony.conf" >"$work/chronyd.log" 2>&1 &
chrony=$!
dotnet build -c Release bench/NetworkingLessons.Benchmarks -v q -nologo >/dev/null
bench=bench/NetworkingLessons.Benchmarks/bin/Release/net10.0/NetworkingLessons.Benchmarks.dll

python_client() {
  python3 - "$count" <<'PY'
import socket, struct, sys, time
TIME1970 = 2208988800
count = int(sys.argv[1])
client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
client.settimeout(5)
def query():
    data = b'\x1b' + 47 * b'\0'
    client.sendto(data, ('127.0.0.123', 123))
    data, address = client.recvfrom(1024)
    return struct.unpack('!12I', data)[10] - TIME1970
for _ in range(50):
    query()
times = []
for _ in range(count):
    start = time.perf_counter()
    query()
    times.append((time.perf_counter() - start) * 1e6)
times.sort()
print("python queries=%d median_us=%.1f p99_us=%.1f" % (count, times[count // 2], times[count * 99 // 100]))
PY
}

for _ in $(seq 50); do # ready when it answers
  python3 -c "import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(0.2); s.sendto(b'\x1b'+47*b'\0', ('127.0.0.123', 123)); s.recvfrom(1024)" 2>/dev/null && break
  sleep 0.1
done

for round in $(seq "$rounds"); do
  py=$(python_client)
  ours=$(dotnet "$bench" sntp 127.0.0.123:123 "$count")
  echo "round $round: $py"
  echo "round $round: $ours"
  pm=$(sed -n 's/.*median_us=\([0-9.]*\).*/\1/p' <<<"$py")
  om=$(sed -n 's/.*median_us=\([0-9.]*\).*/\1/p' <<<"$ours")
  echo "round $round: course/python median round trip = $(awk -v o="$om" -v p="$pm" 'BEGIN { printf "%.2f", o / p }') (target <= 2)"
done
