#!/usr/bin/env python3
"""The end of post-create: the course's kernel is registered with Jupyter and answers a cell."""
import sys
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel

NAME = "networking-lessons-csharp"
specs = KernelSpecManager().find_kernel_specs()
if NAME not in specs:
    sys.exit(f"check-kernel: {NAME} is not registered (kernelspecs found: {', '.join(sorted(specs)) or 'none'})")
km, kc = start_new_kernel(kernel_name=NAME, startup_timeout=120)
try:
    seen = []
    reply = kc.execute_interactive('Console.WriteLine("the kernel answers");', timeout=120,
                                   output_hook=lambda m: seen.append(m["content"].get("text", "")))
    if reply["content"]["status"] != "ok" or "the kernel answers\n" not in seen:
        sys.exit(f"check-kernel: {NAME} did not run a cell: {reply['content']}, outputs {seen}")
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=False)
print(f"check-kernel: {NAME} is registered in {specs[NAME]} and answers")
del kc, km  # closed now, while logging still works, rather than at interpreter exit
