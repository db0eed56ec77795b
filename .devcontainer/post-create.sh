#!/usr/bin/env bash
# Run once when the Codespace (or dev container) is created: build the course, so every lesson's
# first cell finds the library; register the course's Jupyter kernel, so VS Code's Jupyter
# extension offers "C# (NetworkingLessons)" for every notebook; let dotnet capture the lessons'
# own packets on loopback (the wire view needs CAP_NET_RAW; the container is started with it, see
# runArgs); and end by checking that the kernel is registered and answers. CI runs this script
# from a clean clone too.
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
dotnet build NetworkingLessons.sln
dotnet lib/NetworkingLessons.Cli/bin/Debug/net10.0/lessons.dll kernel install --user
need=()
command -v setcap >/dev/null 2>&1 || need+=(libcap2-bin)
/usr/bin/python3 -c "import jupyter_client" >/dev/null 2>&1 || need+=(python3-jupyter-client)
if ((${#need[@]} > 0)); then
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [[ $(id -u) -ne 0 ]]; then
  # root may capture already; a file capability on dotnet is for the Codespace's own user.
  $sudo setcap cap_net_raw+ep "$(readlink -f "$(command -v dotnet)")"
fi
echo "post-create: course built; kernel registered; dotnet may capture packets (CAP_NET_RAW)."
/usr/bin/python3 .devcontainer/check-kernel.py
