using System.Text;
using Evaluation.Engine;
using Evaluation.Rules.Loading;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Features.Scoring;

namespace Evaluation.Web.Tests.Centre;

/// <summary>
/// Issue 7, done when: the impact preview of an edited catalogue lists exactly the enterprises whose grade
/// changes. The expected set is worked out here, apart from the app: both catalogue folders loaded from
/// disk, each enterprise scored one by one with the engine on a freshly compiled plan.
/// </summary>
public abstract class ImpactPreviewTests(AppHolder holder) : AppTests(holder)
{
    [Fact]
    public async Task Preview_OfAnEditedCatalogue_ListsExactlyTheEnterprisesWhoseGradeChanges()
    {
        var (campaign, enterprises) = await SyntheticCampaign.SeedAsync(App, seed: 7001, count: 90, year: 2017, scored: true);
        // The B pass mark lowered and the city average wage raised (which moves the wage indicator's points).
        var dir = CatalogueZip.EditedCopy("2018.7", text => text
            .ReplaceOnce("  - id: grade_b_min\n    value: 800\n", "  - id: grade_b_min\n    value: 740\n")
            .ReplaceOnce("  - id: city_avg_wage\n    value: 80000\n", "  - id: city_avg_wage\n    value: 110000\n"));
        var admin = await App.AsAdmin();
        (await admin.UploadCatalogueAsync(CatalogueZip.Zip(dir))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var expected = await ExpectedChangesAsync(campaign.Id, dir);
        expected.Count.ShouldBeGreaterThan(0);            // the edit matters to someone…
        expected.Count.ShouldBeLessThan(enterprises.Count); // …but not to everyone

        var url = $"/centre/catalogues/impact?campaign={campaign.Id}&version=ningbo-harmonious-enterprise@2018.7";
        var html = WebUtility.HtmlDecode(await (await App.AsReviewer()).GetStringAsync(url));

        var listed = CentreClient.Attribute(html, "data-credit-code");
        listed.Order(StringComparer.Ordinal).ShouldBe(expected.Keys.Order(StringComparer.Ordinal));
        html.ShouldContain($"<strong data-changed>{expected.Count}</strong>");
        html.ShouldContain($"<strong data-scored>{enterprises.Count}</strong>");
        foreach (var (code, (oldGrade, newGrade)) in expected)
        {
            var row = html[html.IndexOf($"data-credit-code=\"{code}\"", StringComparison.Ordinal)..];
            row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
            row.ShouldContain($"grade-{oldGrade}\">{oldGrade}<");
            row.ShouldContain($"grade-{newGrade}\">{newGrade}<");
        }
        html.ShouldContain("grade_b_min"); // why: the parameters that differ
        html.ShouldContain("city_avg_wage");
        // …by the catalogue's name for them, the id only in its own code column (issue 17, item 7).
        var wage = html[html.IndexOf("data-parameter=\"city_avg_wage\"", StringComparison.Ordinal)..];
        wage[..wage.IndexOf("</tr>", StringComparison.Ordinal)]
            .ShouldBe("data-parameter=\"city_avg_wage\"><td>上年度全市职工平均工资（元/年）</td><td>80000</td><td>110000</td><td><code class=\"id\">city_avg_wage</code></td>");

        var csv = Encoding.UTF8.GetString(await admin.GetByteArrayAsync(url + "&handler=Export&format=csv&list=impact"));
        foreach (var code in expected.Keys) csv.ShouldContain(code);
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(expected.Count + 1);
    }

    [Fact]
    public async Task Preview_OfAnUnknownVersion_SaysSo()
    {
        var response = await (await App.AsReviewer()).GetAsync($"/centre/catalogues/impact?campaign={S.CampaignId}&version=nope@0");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain("no catalogue version nope@0");
    }

    /// <summary>Credit code → (old grade, new grade) for every enterprise of the campaign whose grade differs.</summary>
    private async Task<Dictionary<string, (string Old, string New)>> ExpectedChangesAsync(Guid campaignId, string editedDir)
    {
        var oldSet = CatalogueLoader.LoadDirectory(CatalogueZip.NingboFolder);
        var newSet = CatalogueLoader.LoadDirectory(editedDir);
        await using var db = App.Db();
        var members = await db.Context.Applications.Where(a => a.CampaignId == campaignId)
            .Join(db.Context.Enterprises, a => a.EnterpriseId, e => e.Id, (a, e) => e).ToListAsync();
        var facts = await db.Context.Facts.Where(f => f.CampaignId == campaignId).ToListAsync();
        string Grade(CatalogueSet set, Features.Enterprises.Enterprise e)
        {
            var catalogue = TestCatalogues.Of(set, e.IndustryCode);
            var plan = catalogue.Plan;
            var errors = new List<string>();
            var values = FactSelection.ForScoring(catalogue, facts.Where(f => f.EnterpriseId == e.Id && f.IsCurrent), errors);
            var bound = plan.Bind(values, errors) ?? throw new InvalidOperationException(string.Join("; ", errors));
            errors.ShouldBeEmpty();
            return plan.Evaluate(bound, e.CreditCode, explain: false).Grade;
        }
        return members.Select(e => (e.CreditCode, Old: Grade(oldSet, e), New: Grade(newSet, e)))
            .Where(x => x.Old != x.New).ToDictionary(x => x.CreditCode, x => (x.Old, x.New));
    }
}

[Collection(PostgresCollection.Name)]
public sealed class ImpactPreviewTestsOnPostgres(PostgresServer server, AppHolder holder) : ImpactPreviewTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class ImpactPreviewTestsOnSqlite(AppHolder holder) : ImpactPreviewTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}
