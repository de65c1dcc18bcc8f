#!/usr/bin/env bash
# Runs the CLI's `tck` on the upstream DMN TCK folders (compliance levels 2 and 3) that are NOT in ../shared/tck.
# Usage: scripts/tck-upstream.sh [OUT_DIR]   (default /tmp/tck-upstream); TCK_REPO overrides the upstream git dir.
# The upstream repository must be fetched first (the agent's `fetch github:dmn-tck/tck`, or any clone).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="${TCK_REPO:-/work/.mirror/dmn-tck+tck/repo}"
shared="${TCK_SHARED:-$here/../shared/tck}"
[ -d "$shared" ] || shared=/work/shared/tck
out="${1:-/tmp/tck-upstream}"
rm -rf "$out" "$out.all"; mkdir -p "$out.all" "$out"
git -C "$repo" archive HEAD TestCases/compliance-level-2 TestCases/compliance-level-3 | tar -x -C "$out.all"
echo "upstream commit $(git -C "$repo" rev-parse --short HEAD)"
for level in compliance-level-2 compliance-level-3; do
  mkdir -p "$out/$level"
  for d in "$out.all/TestCases/$level"/*/; do
    name="$(basename "$d")"
    [ -d "$shared/$level/$name" ] && continue
    mv "$d" "$out/$level/$name"
  done
done
rm -rf "$out.all"
echo "$(find "$out" -mindepth 2 -maxdepth 2 -type d | wc -l) folders not in $shared"
dotnet run --project "$here/src/Evaluation.Cli" -c Release --no-build -- tck "$out"
