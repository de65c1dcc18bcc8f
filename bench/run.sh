#!/usr/bin/env bash
# Builds Release and runs the engine benchmarks with a short job (3 warm-ups, 3 iterations, 1 launch),
# which is enough for stable ratios on a 2-core machine in a few minutes. Results (Markdown, CSV, HTML)
# go to BenchmarkDotNet.Artifacts/results/ (gitignored); the console log to BenchmarkDotNet.Artifacts/run.log.
# Extra arguments go to BenchmarkDotNet, e.g.  bench/run.sh --filter '*PerEnterprise*'
# The default filter is every benchmark; set JOB=default for BenchmarkDotNet's full job.
set -euo pipefail
cd "$(dirname "$0")/.."
job="${JOB:-short}"
filter=(--filter '*')
for a in "$@"; do [[ "$a" == --filter || "$a" == -f ]] && filter=(); done
dotnet build -c Release bench/Evaluation.Bench/Evaluation.Bench.csproj -nologo -v q
mkdir -p BenchmarkDotNet.Artifacts
dotnet run -c Release --no-build --project bench/Evaluation.Bench -- \
  "${filter[@]}" --job "$job" --artifacts BenchmarkDotNet.Artifacts "$@" 2>&1 | tee BenchmarkDotNet.Artifacts/run.log
