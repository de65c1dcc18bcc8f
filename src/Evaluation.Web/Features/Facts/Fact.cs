namespace Evaluation.Web.Features.Facts;

/// <summary>
/// One value of one catalogue input for one enterprise in one campaign, with its provenance. A correction
/// never overwrites: it adds a new fact and marks the old one superseded, so the history stays readable.
/// </summary>
internal sealed class Fact : IAudited, IEnterpriseRecord, IDepartmentRecord, Scoring.IScoredFact
{
    private Fact() { }

    public Fact(Guid id, Guid campaignId, Guid enterpriseId, string inputId, FactValue value, FactOrigin origin,
        string? departmentId, Guid? suppliedByUserId, string suppliedBy, DateTime suppliedAt)
    {
        if ((origin == FactOrigin.Department) != (departmentId is not null))
            throw new ArgumentException("A department fact, and only one, names its department.", nameof(departmentId));
        (Id, CampaignId, EnterpriseId, InputId) = (id, campaignId, enterpriseId, inputId);
        ValueText = value.Text;
        (Origin, DepartmentId, SuppliedByUserId, SuppliedBy, SuppliedAt) =
            (origin, departmentId, suppliedByUserId, suppliedBy, suppliedAt);
        Verification = origin == FactOrigin.Department ? VerificationStatus.Verified : VerificationStatus.Unverified;
    }

    public Guid Id { get; private set; }
    public Guid CampaignId { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public string InputId { get; private set; } = "";

    /// <summary>The value as it was supplied; scoring reads it with the input's type from the catalogue (FactSelection).</summary>
    public string ValueText { get; private set; } = "";

    public FactOrigin Origin { get; private set; }

    /// <summary>The department that owns the input (catalogue `source`); set for department facts.</summary>
    public string? DepartmentId { get; private set; }
    public Guid? SuppliedByUserId { get; private set; }
    public string SuppliedBy { get; private set; } = "";
    public DateTime SuppliedAt { get; private set; }
    public VerificationStatus Verification { get; private set; }
    public string? VerificationNote { get; private set; }
    public Guid? SupersededById { get; private set; }

    public bool IsCurrent => SupersededById is null;

    public void SupersedeWith(Fact newer)
    {
        if (SupersededById is not null) throw new InvalidOperationException($"Fact {Id} is already superseded.");
        SupersededById = newer.Id;
    }

    public void Verify(VerificationStatus status, string? note)
    {
        Verification = status;
        VerificationNote = note;
    }

    /// <summary>
    /// Who supplies a catalogue input, from its <c>source</c>: the enterprise, the employee survey, the reviewer,
    /// or else the named member department (whose facts carry its id).
    /// </summary>
    public static (FactOrigin Origin, string? DepartmentId) OriginOf(string source) => source switch
    {
        "enterprise" => (FactOrigin.Enterprise, null),
        "survey" => (FactOrigin.Survey, null),
        "reviewer" => (FactOrigin.Reviewer, null),
        _ => (FactOrigin.Department, source),
    };

    string IAudited.AuditKey => Id.ToString();
}

internal enum FactOrigin { Enterprise, Department, Survey, Reviewer }

internal enum VerificationStatus { Unverified, Verified, Rejected }

/// <summary>A supplied value as text, trimmed: its meaning is the catalogue input's type, read where it is scored.</summary>
internal sealed record FactValue(string Text)
{
    public static FactValue From(string text) => new(text.Trim());
}
