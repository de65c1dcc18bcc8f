using System.IO.Compression;
using System.Text.RegularExpressions;
using Evaluation.Web.Features.Publication;
using Evaluation.Web.Tests.Centre;
using Evaluation.Web.Tests.DepartmentData;
using Evaluation.Web.Tests.SelfAssessment;

namespace Evaluation.Web.Tests.Access;

/// <summary>
/// Issue 15 items 7 and 8: the public notice is paged and searched; evidence keeps the extension of what it is;
/// evidence downloads and exports are audited and never cached; an administrator form or a catalogue archive
/// that is wrong gets a message, not a 500; upload previews are private files; the launch profile leaves
/// ASPNETCORE_URLS alone. On both providers where the database is involved.
/// </summary>
public abstract partial class ChannelHardeningTests(AppHolder holder) : AppTests(holder)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(TestClock.Start.UtcDateTime);

    [Fact]
    public async Task PublicNotice_IsPagedAndSearchable_AndAnObjectionFindsItsEnterpriseOnAnyPage()
    {
        var campaign = await CentreCase.CampaignAsync(App);
        var cases = new List<CentreCase>();
        for (var i = 0; i < NoticeModel.PageSize + 5; i++) cases.Add(await CentreCase.CreateAsync(App, ApplicationStatus.Accepted, campaign));
        await using (var scope = App.Db())
        {
            var ids = cases.Select(c => c.ApplicationId).ToList();
            foreach (var a in await scope.Context.Applications.Where(a => ids.Contains(a.Id)).ToListAsync())
            {
                a.RecordScore();
                a.OpenPublicNotice();
            }
            scope.Context.PublicNotices.Add(new PublicNotice(Guid.NewGuid(), campaign, Today.AddDays(-1), Today.AddDays(6), ids.Count, "test",
                TestClock.Start.UtcDateTime));
            await scope.Context.Because("test arrange").SaveChangesAsync();
        }
        var anonymous = App.Anonymous();

        var first = await anonymous.GetStringAsync("/notice");
        var rows = Regex.Matches(first, "<tr><td>").Count;
        rows.ShouldBe(NoticeModel.PageSize, "one page, not every enterprise on notice");
        first.ShouldContain("下一页");
        var last = cases[^1];
        var search = await anonymous.GetStringAsync($"/notice?q={last.CreditCode.ToLowerInvariant()}");
        Regex.Matches(search, "<tr><td>").Count.ShouldBe(1);
        search.ShouldContain(last.Name);

        var objection = await anonymous.PostFormAsync("/notice?handler=Object",
            new() { ["creditCode"] = last.CreditCode, ["name"] = "市民李女士", ["reason"] = "该企业去年有欠薪记录" }, "/notice");
        objection.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var check = App.Db();
        (await check.Context.Objections.CountAsync(o => o.ApplicationId == last.ApplicationId)).ShouldBe(1);
    }

    [Fact]
    public async Task Evidence_IsStoredWithTheExtensionOfItsContent_AndItsDownloadIsAuditedAndNotCached()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var client = await App.SignedIn(e.UserName);
        var html = await client.GetStringAsync(e.FormUrl);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Token().Match(html).Groups[1].Value), "__RequestVerificationToken" },
            { new StringContent("L1"), "indicatorId" },
            { new ByteArrayContent("%PDF-1.4 not a page"u8.ToArray()), "file", "x.html" },
        };
        (await client.PostAsync(e.FormUrl + "?handler=Upload", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Guid id;
        await using (var scope = App.Db())
        {
            var file = await scope.Context.EvidenceFiles.SingleAsync(f => f.EnterpriseId == e.EnterpriseId);
            file.FileName.ShouldBe("x.html.pdf");
            id = file.Id;
        }

        var download = await client.GetAsync($"/evidence/{id}");

        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Headers.CacheControl!.NoStore.ShouldBeTrue();
        download.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("x.html.pdf");
        await using var check = App.Db();
        (await check.Context.AuditEntries.CountAsync(a => a.EntityId == id.ToString() && a.Action == "Downloaded")).ShouldBe(1);
    }

    [Fact]
    public async Task Exports_AreAuditedAndNotCached()
    {
        var reviewer = await App.AsReviewer();

        var csv = await reviewer.GetAsync($"/centre/campaigns/{S.CampaignId}?handler=Export&list=applications&format=csv");

        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Headers.CacheControl!.NoStore.ShouldBeTrue();
        await using var check = App.Db();
        var entry = await check.Context.AuditEntries.Where(a => a.Action == "Exported").OrderByDescending(a => a.At).FirstAsync();
        entry.Actor.ShouldBe(Scenario.Reviewer);
        entry.EntityId.ShouldContain("applications", Case.Sensitive, "the file that left");
    }

    [Fact]
    public async Task ACatalogueArchiveWithTwoCatalogueFiles_GetsAMessage_Not500()
    {
        var admin = await App.AsAdmin();
        var yaml = await File.ReadAllBytesAsync(Path.Combine(CatalogueZip.NingboFolder, "catalogue.yaml"));
        foreach (var names in new[] { new[] { "catalogue.yaml", "catalogue.yaml" }, ["a/catalogue.yaml", "b/catalogue.yaml"] })
        {
            using var buffer = new MemoryStream();
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
                foreach (var name in names)
                {
                    await using var entry = zip.CreateEntry(name).Open();
                    await entry.WriteAsync(yaml);
                }

            var response = await admin.UploadCatalogueAsync(buffer.ToArray());

            response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, string.Join(", ", names));
            (await response.Content.ReadAsStringAsync()).ShouldContain("catalogue.yaml");
        }
    }

    [Fact]
    public async Task UploadPreviews_AreReadableByTheAppsUserOnly()
    {
        if (OperatingSystem.IsWindows()) return;
        var hrss = await App.AsDepartment("hrss");
        var (_, html) = await hrss.PreviewAsync($"统一社会信用代码 credit_code,拖欠工资 wage_arrears_cases\n{Scenario.CreditCodeB},4\n");
        var id = Regex.Match(html, "name=\"upload\" value=\"([0-9a-f-]+)\"").Groups[1].Value;
        var folder = Path.Combine(Path.GetTempPath(), "evaluation-uploads");
        var file = Path.Combine(folder, $"hrss-{Guid.Parse(id):N}.csv");

        File.GetUnixFileMode(folder).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void TheLaunchProfile_LeavesTheListeningAddressToAspNetCoreUrls()
    {
        var profile = File.ReadAllText(Repository.PathOf("src", "Evaluation.Web", "Properties", "launchSettings.json"));
        profile.ShouldNotContain("applicationUrl", customMessage: "a launch profile's applicationUrl overrides ASPNETCORE_URLS under dotnet run");
        var readme = File.ReadAllText(Repository.PathOf("README.md"));
        readme.ShouldContain("--no-launch-profile", customMessage: "the documented production command must not run in Development");
        readme.ShouldContain("ASPNETCORE_ENVIRONMENT=Production");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

public sealed class ChannelHardeningTestsOnSqlite(AppHolder holder) : ChannelHardeningTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class ChannelHardeningTestsOnPostgres(PostgresServer server, AppHolder holder) : ChannelHardeningTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}
