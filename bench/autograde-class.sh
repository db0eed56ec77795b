#!/usr/bin/env bash
# Times autograde on a synthetic class: N students hand in each of the lessons, half with the
# instructor's answers, half with the untouched stubs. The same class is graded once per mode, in
# the same run, so that the modes compare as ratios on the same machine load:
#   build         the lessons command as `dotnet build` leaves it (Debug), in the sandbox
#   no-sandbox    the same, with --no-sandbox
#   ready-to-run  the command published ready-to-run (README, "Grading a large class"), in the sandbox
# Usage: bench/autograde-class.sh [LESSONS] [STUDENTS] [JOBS] [MODE...]
#   bash bench/autograde-class.sh "01-host-names 02-ip-addresses 03-ports-and-services 04-byte-order" 30 2 build ready-to-run
set -euo pipefail
cd "$(dirname "$0")/.."
lessons=${1:-02-ip-addresses} students=${2:-30} jobs=${3:-2}
modes=("${@:4}")
[ ${#modes[@]} -gt 0 ] || modes=(build no-sandbox)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build lib/NetworkingLessons.Cli -v q -nologo >/dev/null
python3 - "$students" "$work/class" $lessons <<'PY'
import json, os, re, sys
count, out, lessons = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
markers = re.compile(r"^\s*// (BEGIN|END) (SOLUTION|HIDDEN TESTS)\s*$")
for lesson in lessons:
    student = json.load(open(f"notebooks/{lesson}.ipynb"))
    # The source's cells, in order, as the .dib has them (after the #!meta cell).
    text = open(f"notebooks/solutions/{lesson}.dib").read()
    cells = [c.strip("\n") for c in re.split(r"^#!(?:csharp|markdown|meta)\n", text, flags=re.M)[1:]][1:]
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
        os.makedirs(folder, exist_ok=True)
        json.dump(answered() if i % 2 == 0 else student, open(os.path.join(folder, f"{lesson}.ipynb"), "w"), indent=1)
PY
grade() { # mode, the lessons command, extra options
    local start end
    start=$(date +%s.%N)
    dotnet "$2" autograde "$work/class" --source notebooks/solutions --out "$work/grades-$1" --jobs "$jobs" "${@:3}" | tail -n 1
    end=$(date +%s.%N)
    seconds[$1]=$(python3 -c "print(f'{$end - $start:.1f}')")
    echo "$1: graded $students students × ($lessons) with --jobs $jobs in ${seconds[$1]} s"
    awk -F, 'NR > 1 { n[$6] += 1 } END { for (s in n) printf "  %s: %d exercise results\n", s, n[s] }' "$work/grades-$1/grades.csv"
}
declare -A seconds
built=lib/NetworkingLessons.Cli/bin/Debug/net10.0/lessons.dll
for mode in "${modes[@]}"; do
    case $mode in
        build) grade build "$built" ;;
        no-sandbox) grade no-sandbox "$built" --no-sandbox ;;
        ready-to-run)
            dotnet publish lib/NetworkingLessons.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/ready-to-run" -nologo -v q >/dev/null
            grade ready-to-run "$work/ready-to-run/lessons.dll" ;;
        *) echo "unknown mode $mode (build, no-sandbox, ready-to-run)" >&2; exit 2 ;;
    esac
done
for mode in "${modes[@]:1}"; do
    echo "$mode / ${modes[0]}: $(python3 -c "print(f'{${seconds[$mode]} / ${seconds[${modes[0]}]}:.2f}')")"
done
