#!/usr/bin/env bash
# Engine benchmarks (docs/benchmarks.md). Builds Release first.
#
#   bench/run.sh                       every BenchmarkDotNet suite, "short" job (JOB=default for the full job);
#                                      extra arguments go to BenchmarkDotNet, e.g. bench/run.sh --filter '*Ningbo*'
#   bench/run.sh --ningbo-check        hand-written Ningbo 2018.1 (base, gas) = engine to the cent, 10,000 each
#   bench/run.sh --ningbo-ratio        engine / hand-written, same process, alternating rounds (--rounds N --round-ms M)
#   bench/run.sh --compile-all         the 16 catalogues compiled cold (fresh process) and warm; run it 3 times
#   bench/run.sh --stage-times [--all] each stage's compile (base, or the 16 catalogues' distinct stages), thread CPU
#   bench/run.sh --nrules              Ningbo 2018.1 (base, gas) as a generated NRules rule set: compile time, = engine to
#                                      the cent for 10,000 each, time per enterprise beside the plan and hand-written
#   bench/run.sh --dump-cards FILE     every ScoreCard and explanation of the 16 catalogues + demo (diff before/after)
#   bench/run.sh --zen                 GoRules ZEN side by side: export, score the same JSON with the CLI, ZEN and
#                                      in-process; totals checked to the cent
#                                      (both whole processes timed: our CLI published ReadyToRun, COMPOSITE=1
#                                      self-contained composite; ROUNDS=n alternating rounds)
#
# BenchmarkDotNet results go to BenchmarkDotNet.Artifacts/results/ (gitignored), the console log to
# BenchmarkDotNet.Artifacts/run.log.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release bench/Evaluation.Bench/Evaluation.Bench.csproj -nologo -v q
bench() { dotnet run -c Release --no-build --project bench/Evaluation.Bench -- "$@"; }

case "${1:-}" in
  --ningbo-check|--ningbo-ratio|--ratio|--compile-scaling|--profile-loop|--stage-times|--dump-cards|--profile-ningbo|--profile-compile|--compile-all-once|--nrules)
    bench "$@"; exit ;;
  --compile-all)
    for i in 1 2 3; do bench --compile-all; done; exit ;;
  --zen)
    # Whole processes from the same JSON input, alternating (ROUNDS=n, default 1): our CLI published ReadyToRun as it
    # ships (ADR 0015) against ZEN reading, evaluating and writing everything; wall and CPU (user + sys) of each.
    # Then both outputs compared to the cent, and the in-process per-enterprise loops of both.
    out=bench/zen/out
    bench --zen-export "$out"
    (cd bench/zen && [ -d node_modules/@gorules/zen-engine ] || npm install --no-audit --no-fund)
    # COMPOSITE=1: self-contained, the framework compiled ReadyToRun with the CLI into one composite image (97 MB,
    # minutes to publish) instead of the framework-dependent ReadyToRun build. The two must not share obj/.
    rm -rf src/Evaluation.Cli/obj/Release/net10.0/linux-x64
    if [ "${COMPOSITE:-0}" = 1 ]; then
      dotnet publish -c Release -r linux-x64 --self-contained true -p:PublishReadyToRunComposite=true src/Evaluation.Cli -o "$out/cli-composite" -nologo -v q
      cli=("$out/cli-composite/evaluation")
    else
      dotnet publish -c Release -r linux-x64 --self-contained false src/Evaluation.Cli -o "$out/cli" -nologo -v q
      cli=(dotnet "$out/cli/evaluation.dll")
    fi
    rm -rf src/Evaluation.Cli/obj/Release/net10.0/linux-x64
    timed() { /usr/bin/env time -f "$1: wall %e s, user %U s, sys %S s, max RSS %M KB" "${@:2}"; }
    for v in base gas; do
      for round in $(seq "${ROUNDS:-1}"); do
        echo "== $v, round $round, load average $(cut -d' ' -f1-3 /proc/loadavg)"
        timed "our CLI, end to end" "${cli[@]}" score --rules rules/ningbo-harmonious-enterprise/2018.1 \
          --input "$out/population-$v.json" --output "$out/ours-$v.json" 2>&1 | grep -v '━\|scoring'
        (cd bench/zen && timed "ZEN, end to end" node run.mjs "out/ningbo-$v.jdm.json" "out/population-$v.json" --write "out/zen-$v.json")
      done
      (cd bench/zen && node run.mjs --compare "out/population-$v.json" "out/zen-$v.json" "out/ours-$v.json")
      echo "== $v: in process, per enterprise (ours: --score-json; ZEN: run.mjs, checked against our ScoreCards)"
      bench --score-json "$out/population-$v.json"
      bench --score-json "$out/population-$v.json" --explain
      (cd bench/zen && node run.mjs "out/ningbo-$v.jdm.json" "out/population-$v.json" "out/ours-$v.json")
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
