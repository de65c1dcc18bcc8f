using Evaluation.Web.Features.Shared;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Demo;
using Evaluation.Web.Features.Publication;
using Evaluation.Web.Features.Supervision;
using Evaluation.Web.Persistence;
using Microsoft.Extensions.Logging.Abstractions;

namespace Evaluation.Web.Tests.Centre;

/// <summary>
/// The public ratings served from memory (ADR 0017): the directory snapshot answers exactly as the SQL query did
/// (counts, pages, order) on both providers; 64 simultaneous first requests cost one load; nothing is shown as it
/// was before a rating change saved in this instance.
/// </summary>
public abstract class PublicDirectoryTests(AppHolder holder) : AppTests(holder)
{
    private const int PageSize = 7;

    private DateOnly Today => App.Services.GetRequiredService<TimeProvider>().NingboToday();

    /// <summary>
    /// The directory's SQL query as it was before the snapshot (issue 8 item 5), kept here as the reference: a count
    /// and one joined, ordered page.
    /// </summary>
    private static async Task<DirectoryPage> SqlAsync(EvaluationDbContext db, DirectoryQuery q, int pageSize)
    {
        var query =
            from r in db.Ratings
            join e in db.Enterprises on r.EnterpriseId equals e.Id
            join c in db.Campaigns on r.CampaignId equals c.Id
            select new { r, e, c };
        if (!string.IsNullOrWhiteSpace(q.Q))
        {
            var text = q.Q.Trim();
            if (CreditCode.TryParse(text, out var code)) query = query.Where(x => x.e.CreditCode == code.Value);
            else if (CreditCode.TryPrefix(text, out var prefix)) query = query.Where(x => x.e.Name.Contains(text) || x.e.CreditCode.StartsWith(prefix));
            else query = query.Where(x => x.e.Name.Contains(text));
        }
        if (q.District is { } d) query = query.Where(x => x.e.District == d);
        if (!string.IsNullOrWhiteSpace(q.Industry))
        {
            var prefix = q.Industry.Trim().ToUpperInvariant();
            query = query.Where(x => x.e.IndustryCode.StartsWith(prefix));
        }
        if (q.Grade is { } g) query = query.Where(x => x.r.Grade == g && x.r.Status == RatingStatus.Published);
        var total = await query.CountAsync();
        var page = Math.Clamp(q.Page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var rows = await query.OrderBy(x => x.r.Grade).ThenBy(x => x.e.Name).ThenBy(x => x.r.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(x => new DirectoryModel.Row(x.e.Name, x.e.CreditCode, x.e.District, x.e.IndustryCode, x.r.Grade, x.r.ValidFrom, x.r.ValidTo,
                x.c.Name, x.r.Status, x.r.RevokedAt, x.r.RevocationReason))
            .ToListAsync();
        return new DirectoryPage(total, page, rows);
    }

    /// <summary>
    /// 300 enterprises whose names share a few characters (Chinese, ASCII in both cases, digits, a repeated pair,
    /// identical names), each rated in one to three campaigns; some ratings revoked, some downgraded, some expired.
    /// </summary>
    private async Task<List<Enterprise>> ArrangeAsync(int seed)
    {
        var random = new Random(seed);
        var synthetic = new SyntheticEnterprises(seed);
        await using var scope = App.Db();
        var db = scope.Context;
        var now = TestClock.Start.UtcDateTime;
        var campaigns = Enumerable.Range(0, 3).Select(i => new Campaign(Guid.NewGuid(), 2015 + i, $"第{seed}轮 {2015 + i}年度评价 {i}",
            CampaignLevel.Municipal, null, DemoSeeder.CatalogueId, DemoSeeder.CatalogueVersion, CampaignPhases.ForYear(2015 + i))).ToList();
        db.Campaigns.AddRange(campaigns);
        string[] heads = ["宁波", "宁海", "慈溪", "海宁", "波宁"];
        string[] middles = ["海天", "天海", "东方", "方东", "华光", "电子", "ABC", "abc", "Abc", "X1", "x1", "88", "1688", "宁宁", "海海海", ""];
        string[] tails = ["有限公司", "股份有限公司", "厂", "科技有限公司", "(宁波)有限公司"];
        string[] industries = ["C1711", "C1810", "C3525", "G5920", "E4710", "I6510", "C3670"];
        var districts = Districts.All.ToArray();
        var enterprises = new List<Enterprise>();
        for (var i = 0; i < 300; i++)
        {
            var name = i % 37 == 5 && enterprises.Count > 0
                ? enterprises[^1].Name // the same name twice: the id decides the order
                : heads[random.Next(heads.Length)] + middles[random.Next(middles.Length)] + middles[random.Next(middles.Length)]
                  + tails[random.Next(tails.Length)];
            enterprises.Add(new Enterprise(Guid.NewGuid(), synthetic.NewCreditCode(districts[random.Next(districts.Length)]), name,
                districts[random.Next(districts.Length)], industries[random.Next(industries.Length)], SizeClass.Small, null, now));
        }
        db.Enterprises.AddRange(enterprises);
        var ratings = new List<Rating>();
        foreach (var e in enterprises)
            foreach (var c in campaigns.Where(_ => random.Next(3) != 0).DefaultIfEmpty(campaigns[0]))
            {
                var start = Today.AddYears(-random.Next(0, 4)).AddDays(-random.Next(0, 30));
                var rating = new Rating(Guid.NewGuid(), e.Id, c.Id, null, (Grade)random.Next(4), start, start.AddYears(3).AddDays(-1),
                    now.AddDays(-random.Next(0, 900)));
                var at = now.AddDays(random.Next(1, 400));
                var from = rating.Grade;
                switch (random.Next(8))
                {
                    case 0:
                        rating.Revoke($"撤销理由 {random.Next(100)}", at);
                        // Most revocations carry their change record (dynamic management); older ones do not.
                        if (random.Next(3) > 0)
                            db.Add(new RatingChange(Guid.NewGuid(), rating.Id, e.Id, RatingChangeKind.Revoked, from, null, "撤销", at, null));
                        break;
                    case 1 when rating.Grade < Grade.C:
                        rating.Downgrade(Grade.C, "降级");
                        db.Add(new RatingChange(Guid.NewGuid(), rating.Id, e.Id, RatingChangeKind.Downgraded, from, Grade.C, "降级", at, null));
                        if (random.Next(2) == 0)
                        {
                            rating.Downgrade(Grade.D, "再降级");
                            db.Add(new RatingChange(Guid.NewGuid(), rating.Id, e.Id, RatingChangeKind.Downgraded, Grade.C, Grade.D, "再降级",
                                at.AddDays(3), null));
                        }
                        break;
                }
                ratings.Add(rating);
            }
        db.Ratings.AddRange(ratings);
        await db.Because("test arrange: a varied directory").SaveChangesAsync();
        ratings.Any(r => r.Status == RatingStatus.Revoked).ShouldBeTrue();
        ratings.Any(r => r.Status == RatingStatus.Published && r.ValidTo < Today).ShouldBeTrue();
        return enterprises;
    }

    [Fact]
    public async Task Snapshot_AnswersEveryQueryAsTheSqlQueryDoes()
    {
        var enterprises = await ArrangeAsync(20261122);
        var random = new Random(7);
        var texts = new List<string?> { null, "", "  ", "宁", "波", "宁波", "海海", "海海海", "宁宁宁", "有限公司", "abc", "ABC", "Abc", "aBC", "x1",
            "X", "x", "8", "88", "888", "(宁波)", "龘", "宁波龘", "  海天 ", "天海东方", "公司厂", "1", "%", "_", "\\", "'",
            enterprises[3].CreditCode, enterprises[4].CreditCode.ToLowerInvariant(), " " + enterprises[5].CreditCode + " ",
            Scenario.CreditCodeB, enterprises[6].CreditCode[..17], enterprises[7].CreditCode[..6], enterprises[8].CreditCode[..4].ToLowerInvariant(),
            " " + enterprises[9].CreditCode[..10] + " ", "9133", "91330", "1688" };
        foreach (var e in enterprises.Take(40))
        {
            var start = random.Next(e.Name.Length);
            texts.Add(e.Name.Substring(start, Math.Min(e.Name.Length - start, 1 + random.Next(5))));
        }
        var queries = new List<DirectoryQuery>();
        foreach (var text in texts)
        {
            queries.Add(new DirectoryQuery(text, null, null, null, 1));
            queries.Add(new DirectoryQuery(text, null, null, null, 2 + random.Next(4)));
            queries.Add(new DirectoryQuery(text, Districts.All.ElementAt(random.Next(Districts.All.Count())), null, null, 1));
        }
        foreach (var industry in new[] { "C", "c17", " C1711 ", "G59", "Z9", "C3" })
            foreach (var grade in new Grade?[] { null, Grade.A, Grade.D })
                foreach (var page in new[] { 1, 2, 0, -5, 99 })
                    queries.Add(new DirectoryQuery(random.Next(3) == 0 ? "宁" : null, random.Next(2) == 0 ? District.Beilun : null, industry, grade, page));
        foreach (var grade in Enum.GetValues<Grade>())
            queries.Add(new DirectoryQuery(null, null, null, grade, 3));

        var snapshot = await App.Services.GetRequiredService<PublicRatings>().SnapshotAsync(CancellationToken.None);
        // The start of a credit code finds that enterprise (the code is no name); "1688" finds the names holding it.
        snapshot.Search(new DirectoryQuery(enterprises[7].CreditCode[..10], null, null, null, 1), PageSize).Rows
            .ShouldContain(r => r.CreditCode == enterprises[7].CreditCode);
        snapshot.Search(new DirectoryQuery("1688", null, null, null, 1), PageSize).Rows.ShouldContain(r => r.Name.Contains("1688"));
        await using var scope = App.Db();
        var checkedHits = 0;
        foreach (var q in queries)
        {
            var sql = await SqlAsync(scope.Context, q, PageSize);
            var memory = snapshot.Search(q, PageSize);
            (memory.Total, memory.Page).ShouldBe((sql.Total, sql.Page), $"query {q}");
            memory.Rows.ShouldBe(sql.Rows, $"query {q}");
            if (sql.Total > 0) checkedHits++;
            // The memo answers the same query the same way.
            snapshot.Search(q, PageSize).ShouldBeSameAs(memory);
        }
        checkedHits.ShouldBeGreaterThan(queries.Count / 2);

        // Every enterprise's rating history, as RatingHistory reads it from the database.
        var history = scope.Services.GetRequiredService<RatingHistory>();
        var changed = 0;
        foreach (var e in enterprises)
        {
            var expected = await history.ForAsync(e.CreditCode);
            snapshot.History(e.CreditCode).ShouldBe(expected, e.CreditCode);
            if (expected.Any(x => x.Kind != RatingHistoryKind.Published)) changed++;
        }
        changed.ShouldBeGreaterThan(10);
        snapshot.History(Scenario.CreditCodeB).ShouldBeEmpty();
    }

    [Fact]
    public async Task SimultaneousFirstRequests_CostOneLoad_AndARatingChangeOneMore()
    {
        var enterprises = await ArrangeAsync(5);
        var counter = new CommandCounter();
        var builder = new DbContextOptionsBuilder<EvaluationDbContext>();
        if (App.Provider == Provider.Postgres) builder.UseNpgsql(App.ConnectionString); else builder.UseSqlite(App.ConnectionString);
        var options = builder.AddInterceptors(counter).Options;
        await using var services = new ServiceCollection()
            .AddScoped(_ => new EvaluationDbContext(options))
            .AddScoped<RatingHistory>()
            .BuildServiceProvider();
        // The database is checked for other instances' changes once at first (four counts), then not within this test.
        var ratings = new PublicRatings(services.GetRequiredService<IServiceScopeFactory>(), App.Services.GetRequiredService<CampaignCatalogues>(),
            NullLogger<PublicRatings>.Instance, TimeSpan.FromHours(1));
        const int FirstCheck = 4;
        var code = enterprises[10].CreditCode;

        // Other test classes save ratings in parallel (the generation is process-wide): a phase during which the
        // generation moved is measured again. Only the first attempt of all includes the first check.
        var attempts = 0;
        async Task<int> Commands(Func<Task> phase)
        {
            for (var attempt = 0; attempt < 20; attempt++, attempts++)
            {
                var generation = DirectoryCache.Generation;
                var before = counter.Commands;
                await phase();
                if (DirectoryCache.Generation == generation) return counter.Commands - before;
            }
            throw new InvalidOperationException("the ratings kept changing");
        }
        Task SixtyFour(Func<int, Task> request) => Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => request(i))));

        var first = await Commands(() => SixtyFour(i =>
            ratings.SearchAsync(new DirectoryQuery(i % 2 == 0 ? "宁" : null, null, null, null, 1 + i % 3), PageSize, CancellationToken.None)));
        // The ratings and their changes. Measured again after a parallel save, the snapshot may already be the new one.
        if (attempts == 0) first.ShouldBe(FirstCheck + 2);
        else first.ShouldBeLessThanOrEqualTo(2);
        // The enterprise, its ratings and their changes (the statuses and the history); its rating has no ScoreCard to chart.
        (await Commands(() => SixtyFour(_ => ratings.EnterprisePageAsync(code, CancellationToken.None)))).ShouldBe(3);
        (await Commands(() => SixtyFour(_ => ratings.RatingAsync(code, Today, CancellationToken.None)))).ShouldBe(1);
        (await Commands(() => SixtyFour(_ => ratings.HistoryAsync(code, CancellationToken.None)))).ShouldBe(0); // from the snapshot
        // Asked again, all of it comes from memory (loaded first, should a parallel test have changed a rating meanwhile).
        async Task Again()
        {
            (await ratings.SearchAsync(new DirectoryQuery("海", null, null, null, 1), PageSize, CancellationToken.None)).Total.ShouldBeGreaterThan(0);
            (await ratings.EnterprisePageAsync(code, CancellationToken.None)).ShouldNotBeNull();
            (await ratings.RatingAsync(code.ToLowerInvariant(), Today, CancellationToken.None)).ShouldNotBeNull();
        }
        var again = -1;
        await Commands(async () => { await Again(); var before = counter.Commands; await Again(); again = counter.Commands - before; });
        again.ShouldBe(0);

        var generation = DirectoryCache.Generation;
        await using (var db = App.Db())
        {
            var rating = await db.Context.Ratings.FirstAsync(r => r.Status == RatingStatus.Published);
            rating.Revoke("测试撤销 / test revocation", TestClock.Start.UtcDateTime);
            await db.Context.Because("test").SaveChangesAsync();
        }
        DirectoryCache.Generation.ShouldBeGreaterThan(generation);
        (await Commands(() => SixtyFour(_ => ratings.SearchAsync(new DirectoryQuery(null, null, null, null, 1), PageSize, CancellationToken.None))))
            .ShouldBe(2);
    }

    [Fact]
    public async Task NothingIsShownAsItWasBeforeARatingChange()
    {
        var campaign = await CentreCase.CampaignAsync(App);
        var c = await CentreCase.CreateAsync(App, ApplicationStatus.Accepted, campaign, District.Fenghua, "C3525");
        var api = await App.AsApi("hrss");
        var anonymous = App.Anonymous();
        async Task<string> Page() => await anonymous.GetStringAsync($"/directory/{c.CreditCode}");
        async Task<string> Api() => await api.GetStringAsync($"/api/v1/ratings/{c.CreditCode}");
        async Task<string> Search() => await anonymous.GetStringAsync($"/directory?q={c.CreditCode}");

        // Not published yet: 404 everywhere, and that answer is kept too.
        (await anonymous.GetAsync($"/directory/{c.CreditCode}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync($"/api/v1/ratings/{c.CreditCode}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Search()).ShouldContain("共 0 家企业");

        Guid ratingId;
        await using (var db = App.Db())
        {
            var rating = new Rating(Guid.NewGuid(), c.EnterpriseId, campaign, null, Grade.A, Today, Today.AddYears(3), TestClock.Start.UtcDateTime);
            ratingId = rating.Id;
            db.Context.Ratings.Add(rating);
            await db.Context.Because("test: published").SaveChangesAsync();
        }
        (await Page()).ShouldContain("grade grade-A");
        (await Api()).ShouldContain("\"grade\":\"A\"");
        (await Search()).ShouldContain("共 1 家企业");
        (await Search()).ShouldContain("grade grade-A");

        await using (var db = App.Db())
        {
            (await db.Context.Ratings.SingleAsync(r => r.Id == ratingId)).Downgrade(Grade.C, "测试降级 / test downgrade");
            await db.Context.Because("test: downgraded").SaveChangesAsync();
        }
        (await Page()).ShouldContain("grade grade-C");
        (await Page()).ShouldNotContain("grade grade-A");
        (await Api()).ShouldContain("\"grade\":\"C\"");
        (await Search()).ShouldContain("grade grade-C");

        await using (var db = App.Db())
        {
            (await db.Context.Ratings.SingleAsync(r => r.Id == ratingId)).Revoke("测试撤销 / test revocation", TestClock.Start.UtcDateTime);
            await db.Context.Because("test: revoked").SaveChangesAsync();
        }
        var page = await Page();
        // The page leads with the revocation: no grade, no chart.
        page.ShouldContain("id=\"current-rating\" data-state=\"Revoked\"");
        page.ShouldNotContain("grade grade-");
        page.ShouldNotContain("id=\"category-chart\"");
        page.ShouldContain("测试撤销 / test revocation");
        var answer = await Api();
        answer.ShouldContain("\"status\":\"Revoked\"");
        answer.ShouldContain("\"grade\":null");
        var search = await Search();
        search.ShouldContain("已撤销");
        search.ShouldNotContain("grade grade-C");
        (await anonymous.GetStringAsync($"/directory?q={c.CreditCode}&grade=C")).ShouldContain("共 0 家企业");
    }

    /// <summary>
    /// Another instance's change does not pass this instance's hook (here: written by SQL, around the context): the
    /// database is checked every so often, and once the check has seen it, nothing older is shown.
    /// </summary>
    [Fact]
    public async Task AChangeThisInstanceDidNotSave_IsSeenAfterTheNextCheck()
    {
        var campaign = await CentreCase.CampaignAsync(App);
        var c = await CentreCase.CreateAsync(App, ApplicationStatus.Accepted, campaign);
        var ratingId = Guid.NewGuid();
        await using (var db = App.Db())
        {
            db.Context.Ratings.Add(new Rating(ratingId, c.EnterpriseId, campaign, null, Grade.B, Today, Today.AddYears(3), TestClock.Start.UtcDateTime));
            await db.Context.Because("test arrange").SaveChangesAsync();
        }
        var other = new PublicRatings(App.Services.GetRequiredService<IServiceScopeFactory>(), App.Services.GetRequiredService<CampaignCatalogues>(),
            NullLogger<PublicRatings>.Instance, TimeSpan.FromMilliseconds(300));
        (await other.RatingAsync(c.CreditCode, Today, CancellationToken.None))!.Status.ShouldBe(RatingStatus.Published);
        (await other.SearchAsync(new DirectoryQuery(c.CreditCode, null, null, null, 1), PageSize, CancellationToken.None)).Rows.Single().Status
            .ShouldBe(RatingStatus.Published);

        await using (var db = App.Db())
            (await db.Context.Ratings.Where(r => r.Id == ratingId).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, RatingStatus.Revoked).SetProperty(r => r.RevokedAt, TestClock.Start.UtcDateTime)
                .SetProperty(r => r.RevocationReason, "别处撤销 / revoked elsewhere"))).ShouldBe(1);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await other.RatingAsync(c.CreditCode, Today, CancellationToken.None))!.Status != RatingStatus.Revoked)
        {
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
            await Task.Delay(100);
        }
        (await other.SearchAsync(new DirectoryQuery(c.CreditCode, null, null, null, 1), PageSize, CancellationToken.None)).Rows.Single().Status
            .ShouldBe(RatingStatus.Revoked);
        var page = (await other.EnterprisePageAsync(c.CreditCode, CancellationToken.None))!;
        page.Ratings[0].Rating.Status.ShouldBe(RatingStatus.Revoked);
        page.Categories.ShouldBeEmpty(); // a revoked rating shows no points
    }

    [Theory]
    [InlineData("/directory/not-a-credit-code")]
    [InlineData("/directory/91330203MA28XY0A2Q")] // check character wrong
    public async Task EnterprisePage_OfNoCreditCode_IsNotFound(string url) =>
        (await App.Anonymous().GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

    private sealed class CommandCounter : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        private int _commands;

        public int Commands => Volatile.Read(ref _commands);

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _commands);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<object>> ScalarExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _commands);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PublicDirectoryTestsOnPostgres(PostgresServer server, AppHolder holder) : PublicDirectoryTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartPostgresAsync(server);
}

public sealed class PublicDirectoryTestsOnSqlite(AppHolder holder) : PublicDirectoryTests(holder), IClassFixture<AppHolder>
{
    protected override Task<EvaluationApp> StartAsync() => EvaluationApp.StartSqliteAsync();
}
