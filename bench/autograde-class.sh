#!/usr/bin/env bash
# Times autograde on a synthetic class: N students hand in one lesson, half with the instructor's
# answers, half with the untouched stubs. Usage: bench/autograde-class.sh [LESSON] [STUDENTS] [JOBS]
set -euo pipefail
cd "$(dirname "$0")/.."
lesson=${1:-02-ip-addresses} students=${2:-30} jobs=${3:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build lib/NetworkingLessons.Cli -v q -nologo >/dev/null
python3 - "$lesson" "$students" "$work/class" <<'PY'
import json, os, re, sys
lesson, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
student = json.load(open(f"notebooks/{lesson}.ipynb"))
# The source's cells, in order, as the .dib has them (after the #!meta cell).
text = open(f"notebooks/solutions/{lesson}.dib").read()
cells = [c.strip("\n") for c in re.split(r"^#!(?:csharp|markdown|meta)\n", text, flags=re.M)[1:]][1:]
markers = re.compile(r"^\s*// (BEGIN|END) (SOLUTION|HIDDEN TESTS)\s*$")
def answered():
    nb = json.loads(json.dumps(student))
    for cell in nb["cells"]:
        m = re.fullmatch(r"cell-(\d+)", cell["id"])
        if m and any("// your code here" in line for line in cell["source"]):
            source = cells[int(m.group(1)) - 1]
            cell["source"] = [l for l in source.splitlines(True) if not markers.match(l)]
    return nb
for i in range(count):
    folder = os.path.join(out, f"student{i:02d}")
    os.makedirs(folder)
    json.dump(answered() if i % 2 == 0 else student, open(os.path.join(folder, f"{lesson}.ipynb"), "w"), indent=1)
PY
start=$(date +%s.%N)
dotnet lib/NetworkingLessons.Cli/bin/Debug/net10.0/lessons.dll autograde "$work/class" --out "$work/grades" --jobs "$jobs" | tail -n 1
end=$(date +%s.%N)
echo "graded $students students of $lesson with --jobs $jobs in $(python3 -c "print(f'{$end - $start:.1f}')") s"
awk -F, 'NR > 1 { points[$6] += 1 } END { for (s in points) printf "  %s: %d exercise results\n", s, points[s] }' "$work/grades/grades.csv"
