using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Evaluation.Web.Features.Accounts;

/// <summary>
/// An enterprise account's claim to be a given enterprise (企业注册申请), waiting for the centre to confirm it. A credit
/// code is public, so knowing one proves nothing: registration makes an account with no enterprise and this claim,
/// whether or not the code is on file and however many others claim it; the account reaches no enterprise's records
/// and cannot apply or submit until the centre (or a district office) confirms the binding, having checked the
/// registrant (a call to the legal representative, a business licence). Confirmation creates the enterprise from the
/// claim when it is not on file yet.
/// </summary>
internal sealed class EnterpriseRegistration : IAudited
{
    private EnterpriseRegistration() { }

    public EnterpriseRegistration(Guid id, Guid accountId, CreditCode creditCode, string name, District district, string industryCode,
        SizeClass sizeClass, string? park, DateTime submittedAt)
    {
        (Id, AccountId, CreditCode, Name, District, IndustryCode) = (id, accountId, creditCode.Value, name, district, industryCode);
        (SizeClass, Park, SubmittedAt) = (sizeClass, park, submittedAt);
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public string CreditCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    public District District { get; private set; }
    public string IndustryCode { get; private set; } = "";
    public SizeClass SizeClass { get; private set; }
    public string? Park { get; private set; }
    public DateTime SubmittedAt { get; private set; }
    public RegistrationStatus Status { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? RejectionReason { get; private set; }

    public void Confirm(string by, DateTime at) => Decide(RegistrationStatus.Confirmed, by, at, null);

    public void Reject(string reason, string by, DateTime at) => Decide(RegistrationStatus.Rejected, by, at, reason);

    private void Decide(RegistrationStatus status, string by, DateTime at, string? reason)
    {
        if (Status != RegistrationStatus.Pending) throw new InvalidOperationException("This registration has been decided already.");
        (Status, DecidedBy, DecidedAt, RejectionReason) = (status, by, at, reason);
    }

    string IAudited.AuditKey => Id.ToString();
}

internal enum RegistrationStatus { Pending, Confirmed, Rejected }

internal sealed class EnterpriseRegistrationModel : IEntityTypeConfiguration<EnterpriseRegistration>
{
    public void Configure(EntityTypeBuilder<EnterpriseRegistration> e)
    {
        e.ToTable("EnterpriseRegistrations");
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.IndustryCode).HasMaxLength(5);
        e.Property(x => x.Park).HasMaxLength(200);
        e.Property(x => x.DecidedBy).HasMaxLength(64);
        e.Property(x => x.RejectionReason).HasMaxLength(1000);
        e.HasIndex(x => x.CreditCode);
        e.HasIndex(x => new { x.Status, x.SubmittedAt });
        e.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
