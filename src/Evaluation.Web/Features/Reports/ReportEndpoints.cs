using Evaluation.Web.Features.Dashboards;
using Evaluation.Web.Features.Localization;
using Evaluation.Web.Features.Publication;

namespace Evaluation.Web.Features.Reports;

/// <summary>
/// The evaluation report and the server-drawn charts. All follow the language the visitor chose for the pages.
/// <list type="bullet">
/// <item><c>/reports/applications/{id}</c>: the PDF; <c>…/radar.svg</c>, <c>…/bars.svg</c>: its charts. The enterprise
/// gets its own applications (another enterprise's answers 404, as on its application page), the centre any; others 403.</item>
/// <item><c>/directory/{creditCode}/radar.svg</c>, <c>…/bars.svg</c>: the current published rating's categories, public as the
/// enterprise page is (no average, no indicators), for its print view and the certificate.</item>
/// <item><c>/centre/dashboards/{id}/charts/{chart}.svg</c>: a dashboard chart to download, for the centre.</item>
/// </list>
/// </summary>
internal static class ReportEndpoints
{
    public static IServiceCollection AddReports(this IServiceCollection services) => services.AddScoped<EvaluationReports>();

    public static WebApplication MapReports(this WebApplication app)
    {
        app.MapGet("/reports/applications/{id:guid}", async (Guid id, HttpContext http, CancellationToken cancellationToken) =>
        {
            var (report, refusal) = await ReportAsync(id, http, cancellationToken);
            if (report is null) return refusal!;
            var pdf = ReportDocument.Render(report, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
            return Results.File(pdf, "application/pdf", report.FileName);
        }).RequireAuthorization().ExcludeFromDescription();

        app.MapGet("/reports/applications/{id:guid}/{chart:regex(^(radar|bars)$)}.svg", async (Guid id, string chart, HttpContext http,
            CancellationToken cancellationToken) =>
        {
            var (report, refusal) = await ReportAsync(id, http, cancellationToken);
            if (report is null) return refusal!;
            var figures = report.Categories.Select(c => new CategoryFigure(c.Name, c.Points, c.Max, c.Average)).ToList();
            return Svg(chart == "radar" ? ReportCharts.Radar(figures, report.English) : ReportCharts.Bars(figures, report.English), chart);
        }).RequireAuthorization().ExcludeFromDescription();

        app.MapGet("/directory/{creditCode}/{chart:regex(^(radar|bars)$)}.svg", async (string creditCode, string chart, PublicRatings ratings,
            CancellationToken cancellationToken) =>
        {
            if (await ratings.EnterprisePageAsync(creditCode, cancellationToken) is not { Categories.Count: > 0 } data)
                return Results.NotFound();
            var english = LocalizationExtensions.IsEnglish;
            var figures = data.Categories.Select(c => new CategoryFigure(english ? c.En : c.Zh, c.Points, c.Max, null)).ToList();
            return Svg(chart == "radar" ? ReportCharts.Radar(figures, english) : ReportCharts.Bars(figures, english), chart);
        }).ExcludeFromDescription();

        app.MapGet("/centre/dashboards/{id:guid}/charts/{chart}.svg", async (Guid id, string chart, CampaignDashboard dashboard,
            CancellationToken cancellationToken) =>
        {
            if (!DashboardCharts.Names.Contains(chart)) return Results.NotFound();
            var data = await dashboard.LoadAsync(id, cancellationToken);
            var table = data is null ? null : DashboardCharts.Table(data, chart);
            if (data is null || table is null) return Results.NotFound();
            var model = ReportCharts.Dashboard(chart, table, $"{data.Campaign.Name} · {DashboardTitle(chart)}");
            return model is null ? Results.NotFound() : Svg(model, $"{data.Campaign.Year}-{chart}", 720, 420);
        }).RequireAuthorization(Policies.Centre).ExcludeFromDescription();
        return app;
    }

    private static string DashboardTitle(string chart) => chart switch
    {
        "district" => "按区县的等级分布 / grades by district",
        "industry" => "按行业的等级分布 / grades by industry",
        "histogram" => "总分分布 / score histogram",
        "categories" => "一级指标平均分 / category averages",
        _ => "与上一届比较 / compared with the previous campaign",
    };

    /// <summary>The application's report if the caller may read it; else 404 (none, or another enterprise's) or 403.</summary>
    private static async Task<(EvaluationReport? Report, IResult? Refusal)> ReportAsync(Guid id, HttpContext http, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        var application = await services.GetRequiredService<EvaluationDbContext>().Applications.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null) return (null, Results.NotFound());
        var allowed = (await services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(http.User, application, Policies.OwnRecord)).Succeeded;
        if (!allowed) return (null, http.User.IsInRole(nameof(Role.Enterprise)) ? Results.NotFound() : Results.Forbid());
        var report = await services.GetRequiredService<EvaluationReports>().ForAsync(application, LocalizationExtensions.IsEnglish, cancellationToken);
        return report is null
            ? (null, Results.NotFound("尚无评分结果 / not scored yet"))
            : (report, null);
    }

    private static IResult Svg(OxyPlot.PlotModel model, string name, double width = 560, double height = 420)
    {
        var svg = ReportCharts.Svg(model, width, height);
        return Results.File(System.Text.Encoding.UTF8.GetBytes(svg), "image/svg+xml", $"{name}.svg");
    }
}
