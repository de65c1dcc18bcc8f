namespace Evaluation.Web.Features.Campaigns;

/// <summary>One round of evaluation (创建活动) on a pinned catalogue version.</summary>
internal sealed class Campaign : IAudited
{
    private Campaign() { }

    public Campaign(Guid id, int year, string name, CampaignLevel level, District? district, string catalogueId,
        string catalogueVersion, CampaignPhases phases, string parameterOverridesJson = "{}", string parameterBasisJson = "{}")
    {
        if (level == CampaignLevel.County && district is null)
            throw new ArgumentException("A county campaign names its district.", nameof(district));
        (Id, Year, Name, Level, District) = (id, year, name, level, district);
        _ = ParameterOverrides.Parse(parameterOverridesJson); // refuse malformed JSON at the door
        (CatalogueId, CatalogueVersion, ParameterOverridesJson) = (catalogueId, catalogueVersion, parameterOverridesJson);
        ParameterBasisJson = string.IsNullOrWhiteSpace(parameterBasisJson) ? "{}" : parameterBasisJson;
        SelfAssessmentFrom = phases.SelfAssessmentFrom;
        DepartmentDataFrom = phases.DepartmentDataFrom;
        ReviewFrom = phases.ReviewFrom;
        PublicNoticeFrom = phases.PublicNoticeFrom;
        PublishOn = phases.PublishOn;
    }

    public Guid Id { get; private set; }
    public int Year { get; private set; }
    public string Name { get; private set; } = "";
    public CampaignLevel Level { get; private set; }
    public District? District { get; private set; }

    // Pinned so that a rating can be recomputed years later on exactly the rules it was given under.
    public string CatalogueId { get; private set; } = "";
    public string CatalogueVersion { get; private set; } = "";

    /// <summary>JSON object of parameter id → value overriding the catalogue's (e.g. this year's averages).</summary>
    public string ParameterOverridesJson { get; private set; } = "{}";

    /// <summary>JSON object of parameter id → the basis (依据) for its overridden value, e.g. "2017年统计公报".</summary>
    public string ParameterBasisJson { get; private set; } = "{}";

    public DateOnly SelfAssessmentFrom { get; private set; }
    public DateOnly DepartmentDataFrom { get; private set; }
    public DateOnly ReviewFrom { get; private set; }
    public DateOnly PublicNoticeFrom { get; private set; }
    public DateOnly PublishOn { get; private set; }

    /// <summary>Each phase with its first day, in order; a phase ends the day before the next begins.</summary>
    public IReadOnlyList<(CampaignPhase Phase, DateOnly From)> PhaseStarts() =>
    [
        (CampaignPhase.SelfAssessment, SelfAssessmentFrom), (CampaignPhase.DepartmentData, DepartmentDataFrom),
        (CampaignPhase.Review, ReviewFrom), (CampaignPhase.PublicNotice, PublicNoticeFrom), (CampaignPhase.Published, PublishOn),
    ];

    /// <summary>The last phase begun by <paramref name="day"/>; not open before the first (the phases' days ascend).</summary>
    public CampaignPhase PhaseOn(DateOnly day)
    {
        var phase = CampaignPhase.NotOpen;
        foreach (var (next, from) in PhaseStarts())
            if (from <= day) phase = next;
        return phase;
    }

    string IAudited.AuditKey => Id.ToString();
}

internal enum CampaignLevel { Municipal, County }

internal enum CampaignPhase { NotOpen, SelfAssessment, DepartmentData, Review, PublicNotice, Published }

/// <summary>The first day of each phase; each phase ends the day before the next begins.</summary>
internal sealed record CampaignPhases(DateOnly SelfAssessmentFrom, DateOnly DepartmentDataFrom, DateOnly ReviewFrom,
    DateOnly PublicNoticeFrom, DateOnly PublishOn)
{
    public static CampaignPhases ForYear(int year) => new(
        new DateOnly(year, 3, 1), new DateOnly(year, 5, 1), new DateOnly(year, 7, 1),
        new DateOnly(year, 9, 1), new DateOnly(year, 9, 15));

    /// <summary>A round whose self-assessment opened 60 days before <paramref name="today"/>, the phases as long as in <see cref="ForYear"/>.</summary>
    public static CampaignPhases Around(DateOnly today)
    {
        var from = today.AddDays(-60);
        return new(from, from.AddMonths(2).AddDays(30), from.AddMonths(4).AddDays(30), from.AddMonths(6).AddDays(30), from.AddMonths(6).AddDays(44));
    }
}
