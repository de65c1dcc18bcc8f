#!/usr/bin/env bash
# Engine benchmarks (docs/benchmarks.md). Builds Release first.
#
#   bench/run.sh                       every BenchmarkDotNet suite, "short" job (JOB=default for the full job);
#                                      extra arguments go to BenchmarkDotNet, e.g. bench/run.sh --filter '*Ningbo*'
#   bench/run.sh --ningbo-check        hand-written Ningbo 2018.1 (base, gas) = engine to the cent, 10,000 each
#   bench/run.sh --ningbo-ratio        engine / hand-written, same process, alternating rounds (--rounds N --round-ms M)
#   bench/run.sh --compile-all         the 16 catalogues compiled cold (fresh process) and warm; run it 3 times
#   bench/run.sh --stage-times [--all] each stage's compile (base, or the 16 catalogues' distinct stages), thread CPU
#   bench/run.sh --dump-cards FILE     every ScoreCard and explanation of the 16 catalogues + demo (diff before/after)
#   bench/run.sh --zen                 GoRules ZEN side by side: export, score the same JSON with the CLI, ZEN and
#                                      in-process; totals checked to the cent
#
# BenchmarkDotNet results go to BenchmarkDotNet.Artifacts/results/ (gitignored), the console log to
# BenchmarkDotNet.Artifacts/run.log.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release bench/Evaluation.Bench/Evaluation.Bench.csproj -nologo -v q
bench() { dotnet run -c Release --no-build --project bench/Evaluation.Bench -- "$@"; }

case "${1:-}" in
  --ningbo-check|--ningbo-ratio|--ratio|--compile-scaling|--profile-loop|--stage-times|--dump-cards|--profile-ningbo|--profile-compile|--compile-all-once)
    bench "$@"; exit ;;
  --compile-all)
    for i in 1 2 3; do bench --compile-all; done; exit ;;
  --zen)
    out=bench/zen/out
    bench --zen-export "$out"
    (cd bench/zen && [ -d node_modules/@gorules/zen-engine ] || npm install --no-audit --no-fund)
    dotnet build -c Release src/Evaluation.Cli -nologo -v q
    cli=src/Evaluation.Cli/bin/Release/net10.0/evaluation.dll
    for v in base gas; do
      echo "== $v: our CLI, end to end (process start, load, compile, parse, bind, score, write JSON)"
      /usr/bin/env time -f "wall %e s, user %U s, max RSS %M KB" \
        dotnet "$cli" score --rules rules/ningbo-harmonious-enterprise/2018.1 --input "$out/population-$v.json" --output "$out/ours-$v.json"
      echo "== $v: ours in process (as run.mjs measures ZEN)"
      bench --score-json "$out/population-$v.json"
      bench --score-json "$out/population-$v.json" --explain
      echo "== $v: ZEN (checked against our ScoreCards)"
      (cd bench/zen && /usr/bin/env time -f "wall %e s, user %U s, max RSS %M KB" node run.mjs "out/ningbo-$v.jdm.json" "out/population-$v.json" "out/ours-$v.json")
      (cd bench/zen && node run.mjs "out/ningbo-$v.jdm.json" "out/population-$v.json" "out/ours-$v.json" --trace --limit 500)
    done
    exit ;;
esac

job="${JOB:-short}"
filter=(--filter '*')
for a in "$@"; do [[ "$a" == --filter || "$a" == -f ]] && filter=(); done
mkdir -p BenchmarkDotNet.Artifacts
dotnet run -c Release --no-build --project bench/Evaluation.Bench -- \
  "${filter[@]}" --job "$job" --artifacts BenchmarkDotNet.Artifacts "$@" 2>&1 | tee BenchmarkDotNet.Artifacts/run.log
