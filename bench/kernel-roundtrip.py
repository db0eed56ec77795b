#!/usr/bin/env python3
"""The course's Jupyter kernel against Debian's ipykernel, measured the same way in the same run
with jupyter_client (Debian's python3-jupyter-client):

- start: start_new_kernel until its kernel_info_reply (jupyter_client's wait_for_ready), median of 5;
- cell: a trivial cell's round trip through execute_interactive, median and p90 of 200;
- kernel_info: a request that no interpreter touches (protocol and transport only), median of 200.

Both kernels run at once and take turns, one request each, so the machine's other work falls on both.

usage: /usr/bin/python3 bench/kernel-roundtrip.py [LESSONS_DLL]
(build first: dotnet build -c Release lib/NetworkingLessons.Cli; the default DLL is that build's)
"""
import json, os, statistics, subprocess, sys, tempfile, time
from jupyter_client.manager import start_new_kernel

here = os.path.dirname(os.path.abspath(__file__))
dll = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "lib", "NetworkingLessons.Cli", "bin", "Release", "net10.0", "lessons.dll")
prefix = tempfile.mkdtemp(prefix="kernelspec-")
subprocess.run(["dotnet", dll, "kernel", "install", "--prefix", prefix], check=True, capture_output=True)
os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")
os.environ["NETWORKING_LESSONS_OFFLINE"] = "1"

kernels = {
    "ipykernel": ("python3", "x = 1 + 1"),
    "course": ("networking-lessons-csharp", "var x = 1 + 1;"),
}
# The course's kernel compiles a cell against the narrowest references its notebook has needed so
# far (CellReferences): also measured once a first cell has needed the course's sockets, and once
# one has needed the whole framework.
widened = {
    "course, after a socket cell": "var endpoint = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 7);",
    "course, after a DataTable cell": "var table = new System.Data.DataTable();",
}

def median_ms(values):
    return statistics.median(values) * 1000

def p90_ms(values):
    return sorted(values)[int(len(values) * 0.9)] * 1000

# The two kernels take turns, request by request, so that whatever else the machine is doing
# falls on both alike.
starts = {label: [] for label in kernels}
for _ in range(5):
    for label, (name, _) in kernels.items():
        t = time.monotonic()
        km, kc = start_new_kernel(kernel_name=name, startup_timeout=60)
        starts[label].append(time.monotonic() - t)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
running = {label: start_new_kernel(kernel_name=name, startup_timeout=60) for label, (name, _) in kernels.items()}
for label, setup in widened.items():
    running[label] = start_new_kernel(kernel_name=kernels["course"][0], startup_timeout=60)
    running[label][1].execute_interactive(setup, timeout=60)
cell_code = {label: trivial for label, (_, trivial) in kernels.items()} | {label: kernels["course"][1] for label in widened}
for _ in range(20):  # warm up: the JIT, Roslyn, the imports
    for label, trivial in cell_code.items():
        running[label][1].execute_interactive(trivial, timeout=60)
cells = {label: [] for label in cell_code}
for _ in range(200):
    for label, trivial in cell_code.items():
        t = time.monotonic()
        running[label][1].execute_interactive(trivial, timeout=60)
        cells[label].append(time.monotonic() - t)
infos = {label: [] for label in kernels}
for _ in range(200):
    for label in kernels:
        t = time.monotonic()
        running[label][1].kernel_info(reply=True, timeout=10)
        infos[label].append(time.monotonic() - t)
for label in widened:
    print(f"trivial cell median ms, {label}: {median_ms(cells[label]):.2f} (ratio to ipykernel {median_ms(cells[label]) / median_ms(cells['ipykernel']):.2f})")
for km, kc in running.values():
    kc.stop_channels()
    km.shutdown_kernel(now=False)
results = {label: {"start_s": statistics.median(starts[label]), "cell_ms": median_ms(cells[label]), "cell_p90_ms": p90_ms(cells[label]), "kernel_info_ms": median_ms(infos[label])} for label in kernels}

ours, theirs = results["course"], results["ipykernel"]
print(f"{'':28}{'ipykernel':>12}{'course':>12}{'ratio':>8}")
for key, what in [("start_s", "start to kernel_info_reply s"), ("cell_ms", "trivial cell median ms"), ("cell_p90_ms", "trivial cell p90 ms"), ("kernel_info_ms", "kernel_info median ms")]:
    print(f"{what:28}{theirs[key]:12.2f}{ours[key]:12.2f}{ours[key] / theirs[key]:8.2f}")
print(json.dumps(results))
