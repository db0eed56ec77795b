#!/usr/bin/env bash
# Mutation score of one library topic folder (Stryker.NET): mutates only that folder's code and
# runs only that folder's tests, so a surviving mutant is one that folder's own tests miss.
# Usage: bash bench/mutation.sh FOLDER [PROJECT]
#   bash bench/mutation.sh ByteOrder                          # lib/NetworkingLessons/ByteOrder
#   bash bench/mutation.sh Grading NetworkingLessons.Notebooks  # lib/NetworkingLessons.Notebooks/Grading
# Prints the score; the HTML report is in artifacts/mutation/FOLDER/reports/.
set -euo pipefail
cd "$(dirname "$0")/.."
folder=${1:?which folder? e.g. ByteOrder} project=${2:-NetworkingLessons}
[ -d "lib/$project/$folder" ] || { echo "lib/$project/$folder: no such folder" >&2; exit 2; }
tests="tests/$project.Tests"
out="$PWD/artifacts/mutation/$folder"
rm -rf "$out"
dotnet tool restore >/dev/null
dotnet build "$tests" -nologo -v q >/dev/null
(cd "lib/$project" && dotnet stryker \
    --test-project "../../$tests/$project.Tests.csproj" \
    --mutate "**/$folder/**/*.cs" \
    --test-case-filter "FullyQualifiedName~$project.Tests.$folder." \
    --reporter json --reporter html --reporter progress \
    --concurrency "${CONCURRENCY:-2}" --skip-version-check \
    --output "$out")
python3 - "$out" "$folder" <<'PY'
import json, glob, sys
report = json.load(open(glob.glob(f"{sys.argv[1]}/reports/mutation-report.json")[0]))
counts = {}
for f in report["files"].values():
    for m in f["mutants"]:
        counts[m["status"]] = counts.get(m["status"], 0) + 1
killed = counts.get("Killed", 0) + counts.get("Timeout", 0)
survived, uncovered = counts.get("Survived", 0), counts.get("NoCoverage", 0)
total = killed + survived + uncovered
print(f"{sys.argv[2]}: {100 * killed / total:.1f}% ({killed} killed, {survived} survived, {uncovered} not covered; {counts})" if total else f"{sys.argv[2]}: no mutants")
PY
