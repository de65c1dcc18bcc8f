// The public enterprise page's category chart: points against the category's maximum, drawn by ECharts.
// Names and the two series' labels come with the data, in the page's language.
(function () {
  const host = document.getElementById('category-chart');
  if (!host || !window.echarts) return;
  const data = JSON.parse(host.dataset.chart);
  const chart = window.echarts.init(host);
  chart.setOption({
    tooltip: { trigger: 'axis' },
    legend: { data: [data.pointsLabel, data.maxLabel] },
    grid: { left: 48, right: 16, bottom: 64 },
    xAxis: { type: 'category', data: data.names, axisLabel: { interval: 0 } },
    yAxis: { type: 'value' },
    series: [
      { name: data.maxLabel, type: 'bar', data: data.max, itemStyle: { color: '#d9e2ec' }, barGap: '-100%', silent: true },
      { name: data.pointsLabel, type: 'bar', data: data.points, itemStyle: { color: '#2680c2' }, label: { show: true, position: 'top' } },
    ],
  });
  window.addEventListener('resize', () => chart.resize());
})();
