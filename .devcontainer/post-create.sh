#!/usr/bin/env bash
# Run once when the Codespace (or dev container) is created: build the course, so every lesson's
# first cell finds the library, and let dotnet capture the lessons' own packets on loopback
# (the wire view needs CAP_NET_RAW; the container is started with it, see runArgs).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build NetworkingLessons.sln
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
if ! command -v setcap >/dev/null 2>&1; then
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends libcap2-bin >/dev/null
fi
$sudo setcap cap_net_raw+ep "$(readlink -f "$(command -v dotnet)")"
echo "post-create: course built; dotnet may capture packets (CAP_NET_RAW)."
