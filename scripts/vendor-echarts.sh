#!/usr/bin/env bash
# Copies Apache ECharts' minified build from the npm package into wwwroot/lib, where the pages load it
# (no CDN: the platform runs on networks that reach no CDN). The copied file is checked in; rerun this
# script to change its version, never edit the file by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:-5.6.0}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "echarts@$version" >/dev/null && tar -xzf echarts-*.tgz)
dest=src/Evaluation.Web/wwwroot/lib/echarts
mkdir -p "$dest"
cp "$work/package/dist/echarts.min.js" "$dest/echarts.min.js"
cp "$work/package/LICENSE" "$dest/LICENSE"
echo "echarts $version" > "$dest/VERSION"
echo "vendored echarts $version into $dest"
