#!/usr/bin/env bash
# Builds Apache ECharts from its npm package into wwwroot/lib, where the pages load it (no CDN: the platform
# runs on networks that reach no CDN). Only what the pages use is bundled (ECharts' own tree-shaking entry
# points, bundled and minified with esbuild): bar and radar series, the grid (category/value axes), tooltip
# and legend components, the canvas renderer. A page that needs another series type or component adds it to
# the list below and reruns this script. The built file is checked in; never edit it by hand.
#   scripts/vendor-echarts.sh [echarts-version]
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:-6.1.0}
esbuild_version=0.28.2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund "echarts@$version" "esbuild@$esbuild_version" >/dev/null)
cat > "$work/entry.js" <<'JS'
import * as echarts from 'echarts/core';
import { BarChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, RadarChart, GridComponent, LegendComponent, RadarComponent, TooltipComponent, CanvasRenderer]);

// The pages call window.echarts.init(element) and chart.setOption(option); nothing else is exposed.
export const init = echarts.init;
export const getInstanceByDom = echarts.getInstanceByDom;
export const version = echarts.version;
JS
dest=src/Evaluation.Web/wwwroot/lib/echarts
mkdir -p "$dest"
"$work/node_modules/.bin/esbuild" "$work/entry.js" --bundle --minify --format=iife --global-name=echarts \
  --target=es2018 --legal-comments=none --log-level=warning --outfile="$dest/echarts.min.js"
cp "$work/node_modules/echarts/LICENSE" "$dest/LICENSE"
echo "echarts $version (custom build: bar, radar; grid, legend, radar, tooltip; canvas) with esbuild $esbuild_version" > "$dest/VERSION"
echo "vendored echarts $version into $dest ($(wc -c < "$dest/echarts.min.js") bytes)"
