using System.Globalization;
using Evaluation.Engine;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Scoring;
using Evaluation.Web.Features.SelfAssessment;
using CampaignApplication = Evaluation.Web.Features.Campaigns.Application;

namespace Evaluation.Web.Features.Reports;

/// <summary>
/// What the evaluation report (评价报告) of one application says, in one language: the application's latest ScoreCard
/// snapshot (its points are the report's points), the catalogue's names, and, when the facts still hash to the
/// snapshot's, the engine's explanation of every indicator and the improvement plan replayed on those facts.
/// </summary>
internal sealed record EvaluationReport(
    bool English, string Enterprise, string CreditCode, string District, string IndustryCode, string? Variant,
    string Campaign, int Year, string Status, bool Provisional,
    string CatalogueTitle, string CatalogueId, string CatalogueVersion, string FactsHash, DateTime ScoredAt,
    decimal Total, decimal MaxTotal, string Grade, string GradeName,
    IReadOnlyList<EvaluationReport.CategoryLine> Categories, IReadOnlyList<EvaluationReport.IndicatorLine> Indicators,
    IReadOnlyList<string> Vetoes, IReadOnlyList<string> UndecidedVetoes, IReadOnlyList<string> Missing,
    IReadOnlyList<ProvisionalScore.PlanLine> Plan, bool Explained, string? AverageOf)
{
    internal sealed record CategoryLine(string Id, string Name, decimal Points, decimal Max, decimal? Average);

    internal sealed record IndicatorLine(string Id, string Category, string Name, decimal Points, decimal Max, string Status, string? Explanation);

    public string Lang => English ? "en" : "zh";

    /// <summary>The file name of the PDF: the credit code, the year and the language.</summary>
    public string FileName => $"evaluation-report-{CreditCode}-{Year}-{Lang}.pdf";

    public string T(string zh, string en) => English ? en : zh;

    public static string Points(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>Builds <see cref="EvaluationReport"/>s; access is checked by the caller (<see cref="ReportEndpoints"/>).</summary>
internal sealed class EvaluationReports(EvaluationDbContext db, CampaignCatalogues catalogues, IndustryAverages averages)
{
    /// <summary>The report of an application's latest snapshot, or null when it has none yet.</summary>
    public async Task<EvaluationReport?> ForAsync(CampaignApplication application, bool english, CancellationToken cancellationToken)
    {
        var snapshot = await db.ScoreCardSnapshots.AsNoTracking().Where(s => s.ApplicationId == application.Id)
            .OrderByDescending(s => s.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (snapshot is null) return null;
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == application.CampaignId, cancellationToken);
        var enterprise = await db.Enterprises.AsNoTracking().SingleAsync(e => e.Id == application.EnterpriseId, cancellationToken);
        // The catalogue the snapshot was scored on, with the campaign's parameters (the one seam).
        var campaignCatalogue = catalogues.For(snapshot.CatalogueId, snapshot.CatalogueVersion, campaign.ParameterOverridesJson, enterprise.IndustryCode);
        var catalogue = campaignCatalogue.Catalogue;
        var lang = english ? "en" : "zh";
        var card = ScoreCardView.From(snapshot, catalogue, english);
        var explanation = await ReplayAsync(application, campaignCatalogue, snapshot, cancellationToken);
        var average = await averages.ForAsync(campaign, enterprise, catalogue, cancellationToken);
        var categoryOf = catalogue.Categories.SelectMany(c => c.Indicators.Select(i => (Indicator: i.Id, Category: c.Id)))
            .ToDictionary(x => x.Indicator, x => x.Category, StringComparer.Ordinal);
        var vetoName = catalogue.Vetoes.ToDictionary(v => v.Id, v => v.Name.In(lang), StringComparer.Ordinal);
        return new EvaluationReport(english, enterprise.Name, enterprise.CreditCode, english ? enterprise.District.En() : enterprise.District.Zh(),
            enterprise.IndustryCode, catalogue.Variant?.Name.In(lang), campaign.Name, campaign.Year,
            english ? application.Status.ToString() : Shared.Labels.Zh(application.Status),
            application.Status is ApplicationStatus.Submitted or ApplicationStatus.InReview or ApplicationStatus.Returned or ApplicationStatus.Accepted,
            catalogue.Title.In(lang), snapshot.CatalogueId, snapshot.CatalogueVersion, snapshot.FactsHash, snapshot.CreatedAt,
            snapshot.Total, catalogue.Total, snapshot.Grade, catalogue.Grades.FirstOrDefault(g => g.Grade == snapshot.Grade)?.Name.In(lang) ?? "",
            [.. card.Categories.Select(c => new EvaluationReport.CategoryLine(c.Id, c.Name, Number(c.Points), Number(c.Max ?? "0"),
                average?.Categories.TryGetValue(c.Id, out var mean) == true ? mean : null))],
            [.. card.Indicators.Select(i => new EvaluationReport.IndicatorLine(i.Id, categoryOf.GetValueOrDefault(i.Id) ?? "", i.Name,
                Number(i.Points), Number(i.Max ?? "0"), StatusText(i.Status, english),
                explanation is null ? null : IndicatorWords.Explain(explanation.Indicators.Single(e => e.Score.Id == i.Id), lang)))],
            [.. card.Vetoes.Select(v => $"{v} {vetoName.GetValueOrDefault(v)}")],
            [.. card.VetoesUndecided.Select(v => $"{v} {vetoName.GetValueOrDefault(v)}")],
            [.. card.MissingInputs.Select(id => catalogue.FindInput(id)?.Label.In(lang) ?? id)],
            // The self-assessment page's plan (order, points recoverable, next step), its values said as the report says them.
            explanation is null ? [] : [.. ProvisionalScore.PlanFor(explanation, lang).Select(p =>
                p with { Now = IndicatorWords.Values(explanation.Indicators.Single(e => e.Score.Id == p.Id), lang) })],
            explanation is not null,
            average is null ? null : english
                ? $"industry average: {average.Campaign}, {average.Enterprises} enterprises of the same industry variant"
                : $"行业平均：{average.Campaign}，同行业 {average.Enterprises} 家企业");
    }

    /// <summary>
    /// The engine's explanation of the snapshot: the application's current facts scored again on the same catalogue,
    /// used only if they hash to the snapshot's facts hash (then the replay is the snapshot, point for point). After a
    /// fact changed, the points stay the snapshot's and the report says the explanation waits for the next scoring.
    /// </summary>
    private async Task<Explanation?> ReplayAsync(CampaignApplication application, CampaignCatalogue catalogue, ScoreCardSnapshot snapshot,
        CancellationToken cancellationToken)
    {
        var facts = await db.Facts.AsNoTracking().Where(f => f.CampaignId == application.CampaignId && f.EnterpriseId == application.EnterpriseId
            && f.SupersededById == null).ToListAsync(cancellationToken);
        var result = Scorer.Score(catalogue, application.Id.ToString(), facts);
        if (!result.IsScorable || Scorer.FactsHash(result.Values) != snapshot.FactsHash) return null;
        var card = result.Card!;
        return card.Total == snapshot.Total && card.Grade == snapshot.Grade ? card.Explain() : null;
    }

    private static decimal Number(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static string StatusText(string? status, bool english) => status switch
    {
        "missing" => english ? "missing data: 0 points" : "数据缺失，记 0 分",
        "clamped" => english ? "clamped to its range" : "超出范围，已截取",
        "conflict" => english ? "table rows conflict: 0 points" : "决策表命中冲突，记 0 分",
        _ => english ? "scored" : "已评分",
    };
}
