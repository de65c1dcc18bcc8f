using Evaluation.Web.Features.Catalogue;

namespace Evaluation.Web.Tests.Centre;

/// <summary>A new catalogue version is uploaded as a zip, checked by the loader, stored only when valid, then selectable.</summary>
public abstract class CatalogueUploadTests(AppHolder holder) : AppTests(holder)
{
    [Fact]
    public async Task Upload_InvalidCatalogue_ListsEveryPositionedErrorAndStoresNothing()
    {
        // Two faults in different places: an unknown key in an indicator, and a FEEL expression naming no input.
        var dir = CatalogueZip.EditedCopy("2018.9-bad", text => text
            .ReplaceOnce("  - id: grade_b_min\n    value: 800\n", "  - id: grade_b_min\n    value: 800\n    colour: red\n")
            .ReplaceOnce("expr: avg_wage / city_avg_wage", "expr: avg_wage / city_average_wage"));
        var admin = await App.AsAdmin();

        var response = await admin.UploadCatalogueAsync(CatalogueZip.Zip(dir));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var lines = File.ReadAllLines(Path.Combine(dir, "catalogue.yaml"));
        var colour = Array.FindIndex(lines, l => l.Contains("colour: red", StringComparison.Ordinal)) + 1;
        var wage = Array.FindIndex(lines, l => l.Contains("city_average_wage", StringComparison.Ordinal)) + 1;
        html.ShouldContain($"catalogue.yaml:{colour}:5"); // the unknown key, at its own line and column
        html.ShouldContain($"catalogue.yaml:{wage}:");
        html.ShouldContain("city_average_wage");
        html.ShouldContain("colour");
        await using var db = App.Db();
        (await db.Context.Set<StoredCatalogue>().CountAsync(s => s.Version == "2018.9-bad")).ShouldBe(0);
        (await admin.GetStringAsync("/centre/campaigns/new")).ShouldNotContain("2018.9-bad");
    }

    [Fact]
    public async Task Upload_NotAZip_IsRefusedAndStoresNothing()
    {
        var admin = await App.AsAdmin();
        await using var db = App.Db();
        var before = await db.Context.Set<StoredCatalogue>().CountAsync();

        var response = await admin.UploadCatalogueAsync("id: x\nversion: '1'\n"u8.ToArray(), "catalogue.yaml");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain("not a .zip archive");
        (await db.Context.Set<StoredCatalogue>().CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Upload_ValidCatalogue_IsStoredAndBecomesSelectableForNewCampaigns()
    {
        var dir = CatalogueZip.EditedCopy("2018.5", text => text.ReplaceOnce("    value: 900\n", "    value: 880\n"));
        var admin = await App.AsAdmin();

        var response = await admin.UploadCatalogueAsync(CatalogueZip.Zip(dir, inFolder: true));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using (var db = App.Db())
        {
            var stored = await db.Context.Set<StoredCatalogue>().SingleAsync(s => s.Version == "2018.5");
            stored.CatalogueId.ShouldBe("ningbo-harmonious-enterprise");
            stored.Files.ShouldBe(Directory.GetFiles(dir, "*.yaml", SearchOption.AllDirectories).Length);
            var set = db.Services.GetRequiredService<CatalogueLibrary>().Get("ningbo-harmonious-enterprise", "2018.5");
            set.Base.Parameters.Single(p => p.Id == "grade_a_min").Value.ShouldBe(880m);
            set.Variants.Count.ShouldBe(Directory.GetFiles(Path.Combine(dir, "variants")).Length);
        }
        CentreClient.Attribute(await admin.GetStringAsync("/centre/catalogues"), "data-version")
            .ShouldContain("ningbo-harmonious-enterprise@2018.5");
        (await admin.GetStringAsync("/centre/campaigns/new")).ShouldContain("value=\"ningbo-harmonious-enterprise@2018.5\"");

        var created = await admin.PostFormAsync("/centre/campaigns/new", new()
        {
            ["Input.Name"] = "2019年度宁波市和谐企业评价（新版）", ["Input.Year"] = "2019", ["Input.Level"] = "Municipal",
            ["Input.Catalogue"] = "ningbo-harmonious-enterprise@2018.5",
            ["Input.SelfAssessmentFrom"] = "2019-03-01", ["Input.DepartmentDataFrom"] = "2019-05-01", ["Input.ReviewFrom"] = "2019-07-01",
            ["Input.PublicNoticeFrom"] = "2019-09-01", ["Input.PublishOn"] = "2019-09-15",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var check = App.Db();
        (await check.Context.Campaigns.SingleAsync(c => c.Year == 2019)).CatalogueVersion.ShouldBe("2018.5");
    }

    [Fact]
    public async Task Upload_VersionThatExists_IsRefused()
    {
        var admin = await App.AsAdmin();

        var response = await admin.UploadCatalogueAsync(CatalogueZip.Zip(CatalogueZip.NingboFolder));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).ShouldContain("ningbo-harmonious-enterprise@2018.1 exists already");
    }

    [Fact]
    public async Task Upload_ByAReviewer_IsForbidden()
    {
        var reviewer = await App.AsReviewer();

        var response = await reviewer.UploadCatalogueAsync(CatalogueZip.Zip(CatalogueZip.EditedCopy("2018.6", t => t)));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await using var db = App.Db();
        (await db.Context.Set<StoredCatalogue>().CountAsync(s => s.Version == "2018.6")).ShouldBe(0);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class CatalogueUploadTestsOnPostgres(PostgresServer server, AppHolder holder) : CatalogueUploadTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class CatalogueUploadTestsOnSqlite(AppHolder holder) : CatalogueUploadTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}
