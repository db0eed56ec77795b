"""Drives the course's kernel the way front ends do, through jupyter_client's start_new_kernel, and
prints one JSON object of findings for the xUnit side to assert on. JUPYTER_PATH holds the kernelspec."""
import json, os, sys, time
from jupyter_client.manager import start_new_kernel

findings = {}
started = time.monotonic()
km, kc = start_new_kernel(kernel_name="networking-lessons-csharp", startup_timeout=60)
findings["start_seconds"] = time.monotonic() - started
pid = km.provisioner.process.pid
findings["pid"] = pid

def run(code, timeout=60, **kwargs):
    outputs = []
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=lambda m: outputs.append(m), **kwargs)
    return reply["content"], outputs

reply, outputs = run("var count = 40;")
reply, outputs = run("count + 2")
findings["state_kept"] = [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]
findings["counts"] = reply["execution_count"]

# A cell blocked in Accept, interrupted by an interrupt_request on control; the next cell runs.
kc.execute(
    "using System.Net; using System.Net.Sockets;\n"
    "var listener = new TcpListener(IPAddress.Loopback, 0); listener.Start();\n"
    "Console.WriteLine(\"waiting\");\n"
    "listener.AcceptTcpClient();")
deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    msg = kc.get_iopub_msg(timeout=30)
    if msg["msg_type"] == "stream" and "waiting" in msg["content"]["text"]:
        break
interrupted_at = time.monotonic()
km.interrupt_kernel()
reply = kc.get_shell_msg(timeout=30)
findings["interrupt_seconds"] = time.monotonic() - interrupted_at
findings["interrupted_status"] = reply["content"]["status"]
findings["interrupted_ename"] = reply["content"].get("ename")
findings["interrupted_evalue"] = reply["content"].get("evalue")
reply, outputs = run("count * 2")
findings["after_interrupt"] = [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]

# Console.ReadLine() asks the front end on stdin.
reply, outputs = run('var line = Console.ReadLine(); line.ToUpperInvariant()', allow_stdin=True, stdin_hook=lambda m: kc.input("typed here"))
findings["stdin"] = [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]

# An error aborts what was queued behind it (stop_on_error), and the kernel goes on. The failing
# cell waits for a file written only once the second request is sent, so the second is queued
# behind it however slowly this script runs (sent back to back, the kernel could finish the first
# before the second arrived, and then rightly run it).
import tempfile
go = os.path.join(tempfile.mkdtemp(), "go")
first = kc.execute('while (!System.IO.File.Exists(@"%s")) System.Threading.Thread.Sleep(5);\nthrow new InvalidOperationException("first");' % go)
second = kc.execute("1 + 1")
open(go, "w").close()
replies = {}
while len(replies) < 2:
    msg = kc.get_shell_msg(timeout=30)
    replies[msg["parent_header"]["msg_id"]] = msg["content"]["status"]
findings["error_then_queued"] = [replies[first], replies[second]]
os.remove(go)
os.rmdir(os.path.dirname(go))

# A trivial cell's round trip, as the bench measures it.
times = []
for _ in range(20):
    t = time.monotonic()
    kc.execute_interactive("x = 1 + 1", timeout=30) if False else kc.execute_interactive("var x = 1 + 1;", timeout=30)
    times.append(time.monotonic() - t)
times.sort()
findings["roundtrip_median_ms"] = times[len(times) // 2] * 1000

kc.stop_channels()
stopped = time.monotonic()
km.shutdown_kernel(now=False)
findings["shutdown_seconds"] = time.monotonic() - stopped
findings["alive_after_shutdown"] = km.is_alive()
try:
    os.kill(pid, 0)
    findings["process_left"] = True
except ProcessLookupError:
    findings["process_left"] = False
print(json.dumps(findings))
