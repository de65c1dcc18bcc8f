// Refreshes the provisional score while the self-assessment form changes: posts the form (with its
// antiforgery token) to the preview handler, which stores nothing, and redraws the score panel.
(function () {
    "use strict";
    var form = document.getElementById("self-assessment");
    var panel = document.getElementById("provisional");
    if (!form || !panel) return;
    var timer = null;
    var points = function (n) { return Number(n).toFixed(2); };

    function el(tag, text, cls) {
        var e = document.createElement(tag);
        if (text !== undefined) e.textContent = text;
        if (cls) e.className = cls;
        return e;
    }

    function fill(selector, items, make) {
        var host = panel.querySelector(selector);
        if (!host) return;
        host.replaceChildren.apply(host, items.map(make));
    }

    // The radar shows each category as a share of its maximum, so categories of different weight compare.
    var radarHost = document.getElementById("radar");
    var radar = radarHost && window.echarts ? window.echarts.init(radarHost) : null;
    // Peers' mean points per category (same variant), fixed while the form changes; empty when none scored yet.
    var average = radarHost && radarHost.dataset.average ? JSON.parse(radarHost.dataset.average) : null;
    var share = function (points, max) { return max > 0 ? Math.round(1000 * points / max) / 10 : 0; };

    function drawRadar(categories) {
        if (!radar) return;
        radar.setOption({
            tooltip: {},
            legend: { bottom: 0, textStyle: { fontSize: 10 } },
            radar: { indicator: categories.map(function (c) { return { name: c.name, max: 100 }; }), radius: "65%" },
            series: [{
                type: "radar", name: "预估得分率 provisional %",
                data: [{ value: categories.map(function (c) { return share(c.points, c.max); }),
                         name: "本企业得分率 % / this enterprise", areaStyle: { opacity: 0.25 } }]
                    .concat(average ? [{ value: categories.map(function (c, i) { return share(average[i], c.max); }),
                                         name: radarHost.dataset.averageName, lineStyle: { type: "dashed" } }] : [])
            }]
        });
    }

    if (radarHost) drawRadar(JSON.parse(radarHost.dataset.radar || "[]"));
    window.addEventListener("resize", function () { if (radar) radar.resize(); });

    function render(score) {
        drawRadar(score.categories);
        panel.querySelector("[data-total]").textContent = score.scorable === false ? "—" : points(score.total);
        var unscorable = panel.querySelector("[data-unscorable]");
        if (unscorable) {
            unscorable.hidden = score.scorable !== false;
            fill("[data-reasons]", score.errors || [], function (e) { return el("li", e); });
        }
        var grade = panel.querySelector("[data-grade]");
        grade.textContent = score.grade;
        grade.className = "grade grade-" + score.grade;
        panel.querySelector("[data-grade-name]").textContent = score.gradeName;
        fill("[data-vetoes]", score.vetoes, function (v) { return el("li", "一票否决 veto：" + v); });
        fill("[data-categories]", score.categories, function (c) {
            var tr = el("tr");
            tr.append(el("td", c.name), el("td", points(c.points)), el("td", points(c.max)));
            return tr;
        });
        fill("[data-missing]", score.missing, function (m) {
            var li = el("li");
            if (m.anchor) { var a = el("a", m.label); a.href = "#" + m.anchor; li.append(a); } else li.textContent = m.label;
            return li;
        });
        fill("[data-indicators]", score.indicators, function (i) {
            var d = el("details", undefined, "indicator");
            d.dataset.indicator = i.id;
            var s = el("summary", i.id + " " + i.name + "：");
            s.append(el("strong", points(i.points)), " / " + points(i.max));
            d.append(s, el("pre", i.explanation, "explanation"));
            return d;
        });
        fill("[data-plan]", score.plan, function (p) {
            var li = el("li");
            li.append(el("strong", p.id + " " + p.name), " +" + points(p.recoverable) + "：" + p.rule);
            if (p.step) { li.append(el("br"), el("span", "下一步 next step：" + p.step, "step")); }
            if (p.now) { li.append(el("br"), el("span", "现值 now：" + p.now, "now")); }
            return li;
        });
    }

    function showErrors(errors) {
        form.querySelectorAll(".field-error.live").forEach(function (e) { e.remove(); });
        Object.keys(errors).forEach(function (id) {
            var field = document.getElementById("input-" + id);
            if (field) field.append(el("p", errors[id], "errors field-error live"));
        });
    }

    function refresh() {
        fetch(form.dataset.preview, { method: "POST", body: new FormData(form), credentials: "same-origin" })
            .then(function (r) { return r.ok ? r.json() : null; })
            .then(function (body) { if (body) { render(body.score); showErrors(body.errors); } })
            .catch(function () { /* the last score stays; saving still validates on the server */ });
    }

    function schedule() {
        clearTimeout(timer);
        timer = setTimeout(refresh, 400);
    }

    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
})();
