using System.Text.Json;

namespace Evaluation.Web.Tests.Centre;

/// <summary>The centre administrator creates campaigns; every refusal names its field and stores nothing.</summary>
public abstract class CampaignCreateTests(AppHolder holder) : AppTests(holder)
{
    private static Dictionary<string, string> Valid(string name) => new()
    {
        ["Input.Name"] = name, ["Input.Year"] = "2020", ["Input.Level"] = "County", ["Input.District"] = "Yinzhou",
        ["Input.Catalogue"] = "ningbo-harmonious-enterprise@2018.1",
        ["Input.Overrides[0].Parameter"] = "grade_b_min", ["Input.Overrides[0].Value"] = "700",
        ["Input.Overrides[0].Basis"] = "县级创建达标线700分（甬和谐办〔2018〕3号）",
        ["Input.Overrides[1].Parameter"] = "city_avg_wage", ["Input.Overrides[1].Value"] = "86500",
        ["Input.Overrides[1].Basis"] = "2019年宁波市统计公报",
        ["Input.SelfAssessmentFrom"] = "2020-03-01", ["Input.DepartmentDataFrom"] = "2020-05-01", ["Input.ReviewFrom"] = "2020-07-01",
        ["Input.PublicNoticeFrom"] = "2020-09-01", ["Input.PublishOn"] = "2020-09-15",
    };

    [Fact]
    public async Task Create_Valid_StoresTheCampaignWithOverridesAndTheirBasis()
    {
        var response = await (await App.AsAdmin()).PostFormAsync("/centre/campaigns/new", Valid("2020年度鄞州区和谐企业评价"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var db = App.Db();
        var c = await db.Context.Campaigns.SingleAsync(x => x.Name == "2020年度鄞州区和谐企业评价");
        (c.Year, c.Level, c.District, c.CatalogueVersion).ShouldBe((2020, CampaignLevel.County, District.Yinzhou, "2018.1"));
        var overrides = ParameterOverrides.Parse(c.ParameterOverridesJson);
        overrides["grade_b_min"].GetDecimal().ShouldBe(700m);
        overrides["city_avg_wage"].GetDecimal().ShouldBe(86500m);
        JsonSerializer.Deserialize<Dictionary<string, string>>(c.ParameterBasisJson)!["city_avg_wage"].ShouldBe("2019年宁波市统计公报");
        (c.ReviewFrom, c.PublishOn).ShouldBe((new DateOnly(2020, 7, 1), new DateOnly(2020, 9, 15)));
        (await db.Context.AuditEntries.AnyAsync(a => a.EntityId == c.Id.ToString() && a.Actor == Scenario.Admin)).ShouldBeTrue();
        var detail = WebUtility.HtmlDecode(await (await App.AsReviewer()).GetStringAsync($"/centre/campaigns/{c.Id}"));
        detail.ShouldContain("县级创建达标线700分（甬和谐办〔2018〕3号）");
    }

    [Theory]
    [InlineData("Input.Name", "  ", "Name")]
    [InlineData("Input.Year", "1999", "Year")]
    [InlineData("Input.District", "", "District")]                      // county without a district
    [InlineData("Input.Catalogue", "ningbo-harmonious-enterprise@1999.9", "Catalogue")]
    [InlineData("Input.Overrides[1].Parameter", "no_such_parameter", "Overrides[1].Parameter")]
    [InlineData("Input.Overrides[0].Value", "seven hundred", "Overrides[0].Value")]
    [InlineData("Input.Overrides[1].Basis", "", "Overrides[1].Basis")]
    [InlineData("Input.ReviewFrom", "2020-04-01", "ReviewFrom")]       // before department data
    [InlineData("Input.PublishOn", "2020-09-01", "PublishOn")]         // the same day as public notice
    [InlineData("Input.PublicNoticeFrom", "", "PublicNoticeFrom")]
    public async Task Create_WithOneFieldWrong_NamesTheFieldAndStoresNothing(string key, string value, string field)
    {
        var name = $"refused {field} {Guid.NewGuid():N}";
        var form = Valid(name);
        form[key] = value;
        if (field == "Name") name = value;

        var response = await (await App.AsAdmin()).PostFormAsync("/centre/campaigns/new", form);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        CentreClient.Attribute(html, "data-field").ShouldBe([field]);
        await using var db = App.Db();
        (await db.Context.Campaigns.CountAsync(c => c.Name == form["Input.Name"])).ShouldBe(0);
    }

    [Fact]
    public async Task Create_MunicipalWithoutDistrict_IsFine_ButTheSameNameTwiceInAYearIsNot()
    {
        var admin = await App.AsAdmin();
        var form = Valid("2020年度宁波市和谐企业评价");
        (form["Input.Level"], form["Input.District"]) = ("Municipal", "");

        (await admin.PostFormAsync("/centre/campaigns/new", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await admin.PostFormAsync("/centre/campaigns/new", form);

        again.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        CentreClient.Attribute(await again.Content.ReadAsStringAsync(), "data-field").ShouldBe(["Name"]);
        await using var db = App.Db();
        (await db.Context.Campaigns.CountAsync(c => c.Name == "2020年度宁波市和谐企业评价")).ShouldBe(1);
    }

    [Fact]
    public async Task Create_ByAReviewer_IsForbidden_ButTheListIsOpenToThem()
    {
        var reviewer = await App.AsReviewer();

        (await reviewer.GetAsync("/centre/campaigns/new")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reviewer.PostFormAsync("/centre/campaigns/new", Valid("reviewer's"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reviewer.GetAsync("/centre/campaigns")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var db = App.Db();
        (await db.Context.Campaigns.CountAsync(c => c.Name == "reviewer's")).ShouldBe(0);
    }

    [Theory]
    [InlineData("/centre/campaigns")]
    [InlineData("/centre/catalogues")]
    [InlineData("/centre/catalogues/impact")]
    [InlineData("/centre/dashboards/{campaign}")]
    public async Task CentrePages_AreClosedToEnterprisesAndDepartments(string template)
    {
        var url = template.Replace("{campaign}", S.CampaignId.ToString(), StringComparison.Ordinal);
        (await (await App.AsEnterprise()).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await App.AsDepartment("hrss")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await App.Anonymous().GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await (await App.AsReviewer()).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class CampaignCreateTestsOnPostgres(PostgresServer server, AppHolder holder) : CampaignCreateTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class CampaignCreateTestsOnSqlite(AppHolder holder) : CampaignCreateTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}
