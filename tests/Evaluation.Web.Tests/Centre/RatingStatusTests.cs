using System.Text.RegularExpressions;
using Evaluation.Web.Features.Publication;
using Evaluation.Web.Features.Supervision;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Evaluation.Web.Tests.Centre;

/// <summary>
/// One status for a rating on every public face (valid, expired, revoked, downgraded), the certificate only while it is
/// valid, and the certificate's QR code decoded back and followed to its verification page.
/// </summary>
public sealed class RatingStatusTests(AppHolder holder) : AppTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();

    private DateOnly Today => App.Services.CreateScope().ServiceProvider.GetRequiredService<Publishing>().Today;

    /// <summary>An enterprise with one published rating, then <paramref name="change"/> applied to it (in the same save).</summary>
    private async Task<(CentreCase Case, Guid Rating)> RatedAsync(Grade grade, DateOnly validTo, Action<Rating, Evaluation.Web.Persistence.EvaluationDbContext>? change = null)
    {
        var campaign = await CentreCase.CampaignAsync(App);
        var c = await CentreCase.CreateAsync(App, ApplicationStatus.Accepted, campaign);
        var rating = new Rating(Guid.NewGuid(), c.EnterpriseId, campaign, null, grade, validTo.AddYears(-3), validTo, TestClock.Start.UtcDateTime);
        await using var db = App.Db();
        db.Context.Ratings.Add(rating);
        await db.Context.Because("test arrange").SaveChangesAsync();
        if (change is not null)
        {
            var held = await db.Context.Ratings.SingleAsync(r => r.Id == rating.Id);
            change(held, db.Context);
            await db.Context.Because("test arrange: changed").SaveChangesAsync();
        }
        return (c, rating.Id);
    }

    [Fact]
    public async Task ExpiredRating_SaysExpired_WithNoCertificateLink_AndItsCertificateSaysWhy()
    {
        var (c, _) = await RatedAsync(Grade.A, Today.AddDays(-1));
        var client = App.Anonymous();

        var page = await client.GetStringAsync($"/directory/{c.CreditCode}");
        Lead(page).ShouldContain($"已于 {Today:yyyy-MM-dd} 期满");
        page.ShouldContain("data-state=\"Expired\"");
        page.ShouldNotContain("id=\"certificate-link\"");
        page.ShouldNotContain(">有效<");
        var certificate = await client.GetAsync($"/directory/{c.CreditCode}/certificate");
        certificate.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await certificate.Content.ReadAsStringAsync()).ShouldContain("没有有效的证书");
        // The rating API says the same: published once, expired today, since the day after its last valid day.
        var api = await (await App.AsApi("hrss")).GetStringAsync($"/api/v1/ratings/{c.CreditCode}");
        api.ShouldContain("\"status\":\"Published\"");
        api.ShouldContain($"\"state\":\"Expired\",\"stateSince\":\"{Today:yyyy-MM-dd}\"");
    }

    [Fact]
    public async Task RevokedRating_LeadsWithTheRevocation_ItsDateAndReason_NotTheOldGrade()
    {
        var (c, _) = await RatedAsync(Grade.B, Today.AddYears(1), (r, _) => r.Revoke("发生一般生产安全责任事故", TestClock.Start.UtcDateTime));

        var page = await App.Anonymous().GetStringAsync($"/directory/{c.CreditCode}");

        var lead = Lead(page);
        lead.ShouldContain($"已于 {TestClock.Start.UtcDateTime.AddHours(8):yyyy-MM-dd} 撤销");
        page.ShouldContain("理由：发生一般生产安全责任事故");
        page.ShouldNotContain("grade grade-B"); // no headline grade, no "B 达标"
        page.ShouldNotContain("id=\"category-chart\"");
        page.ShouldNotContain("id=\"certificate-link\"");
    }

    [Fact]
    public async Task DowngradedRating_LeadsWithTheDowngrade_AndItsCertificateNoLongerStands()
    {
        var at = TestClock.Start.UtcDateTime;
        var (c, ratingId) = await RatedAsync(Grade.B, Today.AddYears(1), (r, db) =>
        {
            r.Downgrade(Grade.C, "劳动保障守法诚信等级降为C级");
            db.Set<RatingChange>().Add(new RatingChange(Guid.NewGuid(), r.Id, r.EnterpriseId, RatingChangeKind.Downgraded, Grade.B, Grade.C,
                "劳动保障守法诚信等级降为C级", at, null));
        });
        var client = App.Anonymous();

        Lead(await client.GetStringAsync($"/directory/{c.CreditCode}")).ShouldContain($"由 B 降为 C");
        (await (await App.AsApi("hrss")).GetStringAsync($"/api/v1/ratings/{c.CreditCode}"))
            .ShouldContain($"\"state\":\"Downgraded\",\"stateSince\":\"{at.AddHours(8):yyyy-MM-dd}\"");
        (await client.GetAsync($"/directory/{c.CreditCode}/certificate")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var verification = await client.GetStringAsync($"/certificates/{ratingId:N}");
        verification.ShouldContain("data-state=\"Downgraded\"");
        verification.ShouldContain("该证书已失效");
    }

    [Fact]
    public async Task Certificate_ItsQrCodeDecodesToTheVerificationPage_WhichSaysValid_ThenRevokedOnceRevoked()
    {
        var (c, ratingId) = await RatedAsync(Grade.A, Today.AddYears(2));
        var client = App.Anonymous();
        var certificate = await client.GetStringAsync($"/directory/{c.CreditCode}/certificate");

        var svg = Regex.Match(certificate, "<div class=\"qr\" id=\"certificate-qr\"[^>]*>(<svg.*?</svg>)</div>", RegexOptions.Singleline).Groups[1].Value;
        var url = Decode(svg);
        url.ShouldBe($"http://localhost/certificates/{ratingId:N}"); // absolute: a phone opens it as it is
        certificate.ShouldContain($"href=\"{url}\"");

        var valid = await client.GetStringAsync(new Uri(url).PathAndQuery);
        valid.ShouldContain("data-state=\"Valid\"");
        valid.ShouldContain($"该证书有效，有效期至 {Today.AddYears(2):yyyy-MM-dd}");
        valid.ShouldContain(c.Name);

        await using (var db = App.Db())
        {
            (await db.Context.Ratings.SingleAsync(r => r.Id == ratingId)).Revoke("申报材料弄虚作假", TestClock.Start.UtcDateTime);
            await db.Context.Because("test: revoked").SaveChangesAsync();
        }
        var revoked = await client.GetStringAsync(new Uri(url).PathAndQuery);
        revoked.ShouldContain("data-state=\"Revoked\"");
        revoked.ShouldContain("理由：申报材料弄虚作假");

        var unknown = await client.GetAsync($"/certificates/{Guid.NewGuid():N}");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("未找到该证书");
    }

    [Fact]
    public async Task Pages_InEnglish_SayTheStatusInEnglish_AndAnUnknownCodeAnswersAPageThatSaysSo()
    {
        var (c, ratingId) = await RatedAsync(Grade.A, Today.AddYears(2));
        var client = App.Anonymous();
        await client.PostFormAsync("/culture", new() { ["culture"] = "en", ["returnUrl"] = "/" });

        var page = await client.GetStringAsync($"/directory/{c.CreditCode}");
        page.ShouldContain(">Valid<");
        page.ShouldContain("Ratings by campaign");
        foreach (var chinese in new[] { "有效期", "评价等级", "当前等级", "一级指标", "证书", "历次评价", "统一社会信用代码", "：" }) page.ShouldNotContain(chinese);
        page.ShouldContain("Campaign: ");
        (await client.GetStringAsync($"/certificates/{ratingId:N}")).ShouldContain("This certificate is valid until");
        (await client.GetStringAsync($"/directory/{c.CreditCode}/certificate")).ShouldContain("Harmonious Enterprise Certificate");

        var missing = await client.GetAsync("/directory/91330203MA28XY0A2Q");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("No enterprise with the credit code 91330203MA28XY0A2Q has a published rating.");
    }

    /// <summary>The headline card's text.</summary>
    private static string Lead(string html)
    {
        var start = html.IndexOf("id=\"current-rating\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0);
        return html[start..html.IndexOf("</div>", start, StringComparison.Ordinal)];
    }

    /// <summary>The served SVG drawn as a greyscale bitmap (each module 4 px, as a camera sees the print) and read by ZXing.</summary>
    private static string Decode(string svg)
    {
        var size = int.Parse(Regex.Match(svg, "viewBox=\"0 0 (\\d+) \\d+\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        const int Scale = 4;
        var pixels = Enumerable.Repeat((byte)255, size * Scale * size * Scale).ToArray();
        var dark = Regex.Matches(svg, "M(\\d+) (\\d+)h1v1h-1z");
        dark.Count.ShouldBeGreaterThan(0);
        foreach (Match m in dark)
        {
            var (x, y) = (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            for (var dy = 0; dy < Scale; dy++)
                for (var dx = 0; dx < Scale; dx++)
                    pixels[(y * Scale + dy) * size * Scale + x * Scale + dx] = 0;
        }
        var source = new RGBLuminanceSource(pixels, size * Scale, size * Scale, RGBLuminanceSource.BitmapFormat.Gray8);
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));
        result.ShouldNotBeNull("the QR code reads");
        return result.Text;
    }
}
