using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Evaluation.Web.Tests.SelfAssessment;

/// <summary>Evidence per indicator: the content decides the type, the owner and the centre read it, nobody else.</summary>
public abstract partial class EvidenceTests(AppHolder holder) : AppTests(holder)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [Fact]
    public async Task Upload_PngNamedPdf_IsStoredAsPngFromItsContent()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var client = await App.SignedIn(e.UserName);

        var response = await UploadAsync(client, e, "L1", "certificate.pdf", Png);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var db = App.Db();
        var file = await db.Context.EvidenceFiles.SingleAsync(f => f.EnterpriseId == e.EnterpriseId);
        // The stored name takes the extension of what the content is (issue 15): a PNG never leaves as a ".pdf".
        (file.ContentType, file.IndicatorId, file.FileName, file.Size).ShouldBe(("image/png", "L1", "certificate.pdf.png", (long)Png.Length));
    }

    [Fact]
    public async Task Upload_Xlsx_IsRecognisedButAPlainZipIsNot()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var client = await App.SignedIn(e.UserName);

        (await UploadAsync(client, e, "L1", "data.xlsx", Zip("[Content_Types].xml", "xl/workbook.xml"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await UploadAsync(client, e, "L1", "data.xlsx", Zip("readme.txt"))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        await using var db = App.Db();
        (await db.Context.EvidenceFiles.CountAsync(f => f.EnterpriseId == e.EnterpriseId)).ShouldBe(1);
    }

    [Theory]
    [InlineData("script.pdf", "MZ not a pdf")]
    [InlineData("notes.png", "plain text")]
    public async Task Upload_ContentOfAnotherKind_IsRefusedAndNothingStored(string name, string text)
    {
        var e = await NewEnterprise.CreateAsync(App);
        var client = await App.SignedIn(e.UserName);

        var response = await UploadAsync(client, e, "L1", name, System.Text.Encoding.UTF8.GetBytes(text));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("只接受 PDF、JPEG、PNG、XLSX");
        await using var db = App.Db();
        (await db.Context.EvidenceFiles.CountAsync(f => f.EnterpriseId == e.EnterpriseId)).ShouldBe(0);
    }

    [Fact]
    public async Task Upload_OverTheSizeLimit_IsRefused()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var client = await App.SignedIn(e.UserName);
        var big = new byte[10 * 1024 * 1024 + 1];
        "%PDF-"u8.CopyTo(big);

        var response = await UploadAsync(client, e, "L1", "big.pdf", big);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        await using var db = App.Db();
        (await db.Context.EvidenceFiles.CountAsync(f => f.EnterpriseId == e.EnterpriseId)).ShouldBe(0);
    }

    [Fact]
    public async Task Download_OwnerAndReviewerOnly()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var owner = await App.SignedIn(e.UserName);
        await UploadAsync(owner, e, "L1", "scan.png", Png);
        Guid id;
        await using (var db = App.Db()) id = (await db.Context.EvidenceFiles.SingleAsync(f => f.EnterpriseId == e.EnterpriseId)).Id;
        var url = $"/evidence/{id}";

        var own = await owner.GetAsync(url);
        (await own.Content.ReadAsByteArrayAsync()).ShouldBe(Png);
        own.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        var reviewer = await App.AsReviewer();
        (await reviewer.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reviewer.GetStringAsync($"/review/applications/{e.ApplicationId}")).ShouldContain($"<a href=\"{url}\">scan.png</a>");
        (await (await App.AsEnterprise()).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await App.AsDepartment("hrss")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await App.Anonymous().GetAsync(url)).StatusCode.ShouldBeOneOf(HttpStatusCode.Redirect, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Remove_BeforeSubmissionOnly()
    {
        var e = await NewEnterprise.CreateAsync(App);
        var client = await App.SignedIn(e.UserName);
        await UploadAsync(client, e, "L1", "a.png", Png);
        await UploadAsync(client, e, "L2", "b.png", Png);
        Guid[] ids;
        await using (var db = App.Db())
            ids = await db.Context.EvidenceFiles.Where(f => f.EnterpriseId == e.EnterpriseId).OrderBy(f => f.IndicatorId).Select(f => f.Id).ToArrayAsync();

        var removed = await client.PostFormAsync(e.FormUrl + "?handler=RemoveEvidence", new() { ["evidenceId"] = ids[0].ToString() });
        await client.PostFormAsync(e.FormUrl + "?handler=Submit", []);
        var afterSubmit = await client.PostFormAsync(e.FormUrl + "?handler=RemoveEvidence", new() { ["evidenceId"] = ids[1].ToString() });

        removed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        afterSubmit.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await using var check = App.Db();
        (await check.Context.EvidenceFiles.Where(f => f.EnterpriseId == e.EnterpriseId).Select(f => f.Id).ToListAsync()).ShouldBe([ids[1]]);
    }

    [Fact]
    public async Task RemoveAnotherEnterprisesEvidence_IsNotFound()
    {
        var victim = await NewEnterprise.CreateAsync(App);
        await UploadAsync(await App.SignedIn(victim.UserName), victim, "L1", "a.png", Png);
        Guid id;
        await using (var db = App.Db()) id = (await db.Context.EvidenceFiles.SingleAsync(f => f.EnterpriseId == victim.EnterpriseId)).Id;
        var attacker = await NewEnterprise.CreateAsync(App);
        var client = await App.SignedIn(attacker.UserName);

        var own = await client.PostFormAsync(attacker.FormUrl + "?handler=RemoveEvidence", new() { ["evidenceId"] = id.ToString() });
        var theirs = await client.PostFormAsync(victim.FormUrl + "?handler=RemoveEvidence", new() { ["evidenceId"] = id.ToString() });

        own.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        theirs.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using var check = App.Db();
        (await check.Context.EvidenceFiles.CountAsync(f => f.Id == id)).ShouldBe(1);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, NewEnterprise e, string indicatorId, string name, byte[] content)
    {
        var html = await client.GetStringAsync(e.FormUrl);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(TokenField().Match(html).Groups[1].Value), "__RequestVerificationToken" },
            { new StringContent(indicatorId), "indicatorId" },
            { new ByteArrayContent(content), "file", name },
        };
        return await client.PostAsync(e.FormUrl + "?handler=Upload", form);
    }

    private static byte[] Zip(params string[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var entry in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
                writer.Write("<x/>");
            }
        return buffer.ToArray();
    }
}

[Collection(PostgresCollection.Name)]
public sealed class EvidenceTestsOnPostgres(PostgresServer server, AppHolder holder) : EvidenceTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class EvidenceTestsOnSqlite(AppHolder holder) : EvidenceTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}
