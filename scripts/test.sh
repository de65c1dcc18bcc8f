#!/usr/bin/env bash
# The whole test suite: restores, builds warnings-as-errors, runs every test project once,
# and ends with one "N passed, N failed" line summed over the projects.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -x scripts/prereqs.sh ]; then scripts/prereqs.sh; fi

log=$(mktemp)
status=0
# Benchmarks that live beside the tests (Category=Benchmark) are measurements, run on demand (docs/benchmarks.md).
dotnet test Evaluation.sln -c Release --nologo -v quiet --filter "Category!=Benchmark" 2>&1 | tee "$log" || status=$?

awk '
  /^(Passed|Failed)!/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i+1) + 0 }
      if ($i == "Passed:")  { p += $(i+1) + 0 }
      if ($i == "Skipped:") { s += $(i+1) + 0 }
    }
  }
  END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }
' "$log"
rm -f "$log"
exit $status
