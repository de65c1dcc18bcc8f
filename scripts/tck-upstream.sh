#!/usr/bin/env bash
# The upstream DMN TCK folders (compliance levels 2 and 3) that are NOT in ../shared/tck: extract and measure them.
#   scripts/tck-upstream.sh            run the CLI's `tck` on the vendored copy tests/tck-upstream (no network)
#   scripts/tck-upstream.sh --vendor   refresh tests/tck-upstream from the upstream git dir (.dmn and test .xml only)
#   scripts/tck-upstream.sh --fresh D  extract the upstream folders to D and run `tck` on them
# TCK_REPO names the upstream git dir (default: the agent's fetch of github:dmn-tck/tck); TCK_SHARED the shared copy.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="${TCK_REPO:-/work/.mirror/dmn-tck+tck/repo}"
shared="${TCK_SHARED:-$here/../shared/tck}"
[ -d "$shared" ] || shared=/work/shared/tck
vendored="$here/tests/tck-upstream"

extract() { # extract DIR: the upstream folders not in the shared copy, .dmn and .xml files only
  local out="$1" tmp
  tmp="$(mktemp -d)"
  rm -rf "$out"; mkdir -p "$out"
  git -C "$repo" archive HEAD:TestCases compliance-level-2 compliance-level-3 | tar -x -C "$tmp"
  for level in compliance-level-2 compliance-level-3; do
    for d in "$tmp/$level"/*/; do
      local name; name="$(basename "$d")"
      [ -d "$shared/$level/$name" ] && continue
      mkdir -p "$out/$level/$name"
      find "$d" -maxdepth 1 -type f \( -name '*.dmn' -o -name '*.xml' \) -exec cp {} "$out/$level/$name/" \;
    done
  done
  rm -rf "$tmp"
  git -C "$repo" show HEAD:LICENSE-ASL-2.0.txt > "$out/LICENSE-ASL-2.0.txt"
  local commit; commit="$(git -C "$repo" rev-parse HEAD)"
  cat > "$out/README.md" <<MD
# DMN TCK cases not in ../shared/tck (vendored)

From [dmn-tck/tck](https://github.com/dmn-tck/tck) commit \`$commit\`, folders \`TestCases/compliance-level-2\` and
\`compliance-level-3\` whose names are not in the shared copy; only the models (\`.dmn\`) and test files (\`.xml\`), no
PDFs or images. Apache License 2.0 (\`LICENSE-ASL-2.0.txt\`). Refresh with \`scripts/tck-upstream.sh --vendor\`;
\`TckRunnerTests\` asserts issue 20's targets on it. ADR 0028 says why it is vendored.
MD
  echo "upstream $commit: $(find "$out" -mindepth 2 -maxdepth 2 -type d | wc -l) folders not in $shared"
}

case "${1:-}" in
  --vendor) extract "$vendored" ;;
  --fresh) extract "${2:?a directory}"; dotnet run --project "$here/src/Evaluation.Cli" -c Release -- tck "$2" ;;
  *) dotnet run --project "$here/src/Evaluation.Cli" -c Release -- tck "$vendored" ;;
esac
