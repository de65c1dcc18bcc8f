// ECharts on the centre's pages: an element with data-chart-option holds its option JSON inline; one with
// data-chart-src names the endpoint that serves it. The option is plain JSON (no functions), built server-side.
(function () {
    function draw(el, option) {
        var chart = echarts.init(el);
        chart.setOption(option);
        window.addEventListener('resize', function () { chart.resize(); });
    }
    document.querySelectorAll('[data-chart-option]').forEach(function (el) {
        draw(el, JSON.parse(el.getAttribute('data-chart-option')));
    });
    // A picker that goes straight to its choice (the CSP forbids inline handlers): <select data-navigate="/prefix/">.
    document.querySelectorAll('select[data-navigate]').forEach(function (select) {
        select.addEventListener('change', function () {
            location.href = select.getAttribute('data-navigate') + encodeURIComponent(select.value);
        });
    });
    document.querySelectorAll('[data-chart-src]').forEach(function (el) {
        fetch(el.getAttribute('data-chart-src'), { credentials: 'same-origin' })
            .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
            .then(function (option) { draw(el, option); })
            .catch(function (e) { el.textContent = '图表无法加载 / chart could not be loaded (' + e.message + ')'; });
    });
})();
