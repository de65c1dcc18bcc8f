namespace Evaluation.Web.Features.Review;

/// <summary>
/// The centre's review queue, filtered by district, industry (GB/T 4754 prefix), status and latest score,
/// one page at a time: one count and one page query, the score read by a correlated subquery.
/// </summary>
[Authorize(Policy = Policies.Centre)]
internal sealed class IndexModel(EvaluationDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public District? District { get; set; }
    [BindProperty(SupportsGet = true)] public string? Industry { get; set; }
    [BindProperty(SupportsGet = true)] public ApplicationStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? MinScore { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? MaxScore { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<(ApplicationStatus Status, int Count)> Counts { get; private set; } = [];
    public IReadOnlyList<QueueRow> Queue { get; private set; } = [];
    public int Total { get; private set; }
    /// <summary>Drafts matching the other filters that the queue does not list (null when a status is chosen).</summary>
    public int? DraftsLeftOut { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var counts = await db.Applications.GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        Counts = counts.OrderBy(c => c.Key).Select(c => (c.Key, c.Count)).ToList();

        var query =
            from a in db.Applications
            join e in db.Enterprises on a.EnterpriseId equals e.Id
            join c in db.Campaigns on a.CampaignId equals c.Id
            select new
            {
                a, e, c,
                // Compared as REAL: SQLite keeps decimals as text and cannot order or compare them in SQL.
                Score = db.ScoreCardSnapshots.Where(s => s.ApplicationId == a.Id).OrderByDescending(s => s.CreatedAt)
                    .Select(s => (double?)(double)s.Total).FirstOrDefault(),
            };
        if (District is { } d) query = query.Where(x => x.e.District == d);
        if (!string.IsNullOrWhiteSpace(Industry))
        {
            var prefix = Industry.Trim().ToUpperInvariant();
            query = query.Where(x => x.e.IndustryCode.StartsWith(prefix));
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(x => x.e.Name.Contains(q) || x.e.CreditCode == q.ToUpperInvariant());
        }
        if (MinScore is { } min) { var m = (double)min; query = query.Where(x => x.Score >= m); }
        if (MaxScore is { } max) { var m = (double)max; query = query.Where(x => x.Score <= m); }
        // Without a status the queue leaves out drafts (an enterprise's unfinished form is not the centre's work);
        // it says so and how many, with the same filters, so the total is never silently short.
        if (Status is { } status)
        {
            query = query.Where(x => x.a.Status == status);
            Total = await query.CountAsync(cancellationToken);
        }
        else
        {
            // Still one count: drafts and the rest in one grouped query.
            var split = await query.GroupBy(x => x.a.Status == ApplicationStatus.Draft).Select(g => new { Draft = g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken);
            DraftsLeftOut = split.Where(g => g.Draft).Sum(g => g.Count);
            Total = split.Where(g => !g.Draft).Sum(g => g.Count);
            query = query.Where(x => x.a.Status != ApplicationStatus.Draft);
        }
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Queue = await query.OrderBy(x => x.a.Status).ThenBy(x => x.e.Name).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(x => new QueueRow(x.a.Id, x.e.Name, x.e.CreditCode, x.e.District, x.e.IndustryCode, x.c.Name, x.a.Status, x.Score))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The query string of this filter on another page.</summary>
    public string PageUrl(int page) => QueueUrl(page, Status);

    /// <summary>This filter showing drafts only (what the unfiltered queue leaves out).</summary>
    public string DraftsUrl => QueueUrl(1, ApplicationStatus.Draft);

    private string QueueUrl(int page, ApplicationStatus? status)
    {
        var q = new Dictionary<string, string?>
        {
            ["district"] = District?.ToString(), ["industry"] = Industry, ["status"] = status?.ToString(),
            ["minScore"] = MinScore?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["maxScore"] = MaxScore?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["q"] = Q, ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/review", q.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }

    internal sealed record QueueRow(Guid Id, string Enterprise, string CreditCode, District District, string Industry,
        string Campaign, ApplicationStatus Status, double? Score);
}
