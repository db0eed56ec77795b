"""Runs one lesson notebook through the course's kernel the way Jupyter tools do (nbclient, or
`jupyter nbconvert --execute`), then compares its outputs with the executed copy `lessons run`
wrote: per code cell, the same outputs in the same order (type, stream, MIME types, error name),
and the same stream and error text once every word holding a digit is masked and runs of spaces
are one (ports, timings, counts and column widths vary from run to run). Displayed values are
compared by their MIME types only: they hold captured packets, random paths and measurements.
Prints "same" or the differences. JUPYTER_PATH holds the kernelspec.

usage: lesson_through_kernel.py nbclient|nbconvert LESSON.ipynb EXECUTED_BY_LESSONS_RUN.ipynb OUT_DIR
"""
import os, re, subprocess, sys
import nbformat

KERNEL = "networking-lessons-csharp"
mode, lesson, reference, out_dir = sys.argv[1:5]
os.makedirs(out_dir, exist_ok=True)
out_path = os.path.join(out_dir, os.path.basename(lesson))

if mode == "nbclient":
    from nbclient import NotebookClient
    nb = nbformat.read(lesson, as_version=4)
    NotebookClient(nb, kernel_name=KERNEL, timeout=300, startup_timeout=120, allow_errors=True,
                   resources={"metadata": {"path": os.path.dirname(os.path.abspath(lesson))}}).execute()
    nbformat.write(nb, out_path)
elif mode == "nbconvert":
    subprocess.run([sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
                    f"--ExecutePreprocessor.kernel_name={KERNEL}", "--ExecutePreprocessor.timeout=300",
                    "--ExecutePreprocessor.startup_timeout=120", "--output-dir", out_dir, lesson],
                   check=True, capture_output=True)
    nb = nbformat.read(out_path, as_version=4)
else:
    sys.exit(f"unknown mode {mode}")

numbered = re.compile(r"[\w.:/+-]*\d[\w.:/+-]*")
spaces = re.compile(r"[ \t-]+")

def mask(text):
    text = text if isinstance(text, str) else "".join(text)
    return spaces.sub(" ", numbered.sub("#", text))

def shape(cell):
    merged = []
    for out in cell.get("outputs", []):
        kind = out["output_type"]
        if kind == "stream" and merged and merged[-1][0] == "stream" and merged[-1][1] == out["name"]:
            merged[-1] = ("stream", out["name"], merged[-1][2] + mask(out["text"]))
        elif kind == "stream":
            merged.append(("stream", out["name"], mask(out["text"])))
        elif kind in ("display_data", "execute_result"):
            data = out["data"]
            merged.append((kind, tuple(sorted(data))))
        elif kind == "error":
            merged.append(("error", out["ename"], mask(out["evalue"])))
    return merged

ours = [c for c in nb.cells if c.cell_type == "code"]
theirs = [c for c in nbformat.read(reference, as_version=4).cells if c.cell_type == "code"]
problems = []
if len(ours) != len(theirs):
    problems.append(f"{len(ours)} code cells through the kernel, {len(theirs)} in lessons run's copy")
for number, (a, b) in enumerate(zip(ours, theirs), start=1):
    sa, sb = shape(a), shape(b)
    if sa != sb:
        first_line = a.source.split("\n")[0][:60]
        problems.append(f"code cell {number} `{first_line}`:\n  kernel:      {sa}\n  lessons run: {sb}")
print("same" if not problems else "\n".join(problems))
