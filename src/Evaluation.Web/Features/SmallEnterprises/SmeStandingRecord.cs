using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Evaluation.Web.Features.SmallEnterprises;

/// <summary>
/// A small enterprise's level in the rolling-promotion scheme (小微企业等级), one row per enterprise; every
/// change is decided by <see cref="Engine.Sme.SmePromotionRules"/>.
/// </summary>
internal sealed class SmeStandingRecord : IAudited, IEnterpriseRecord
{
    private SmeStandingRecord() { }

    public SmeStandingRecord(Guid enterpriseId) => EnterpriseId = enterpriseId;

    public Guid EnterpriseId { get; private set; }
    public string? Level { get; private set; }
    public DateOnly? Since { get; private set; }
    public DateOnly? ValidUntil { get; private set; }
    public DateOnly? BannedUntil { get; private set; }
    public string? LastReason { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public Engine.Sme.SmeStanding Standing => new(Level, Since, ValidUntil, BannedUntil);

    public void Apply(Engine.Sme.SmeDecision decision, DateTime now) =>
        (Level, Since, ValidUntil, BannedUntil, LastReason, UpdatedAt) = (decision.Standing.Level, decision.Standing.Since,
            decision.Standing.ValidUntil, decision.Standing.BannedUntil, decision.Reason.ToString(), now);

    string IAudited.AuditKey => EnterpriseId.ToString();
}

internal sealed class SmeStandingModel : IEntityTypeConfiguration<SmeStandingRecord>
{
    public void Configure(EntityTypeBuilder<SmeStandingRecord> e)
    {
        e.ToTable("SmeStandings");
        e.HasKey(x => x.EnterpriseId);
        e.Ignore(x => x.Standing);
        e.Property(x => x.Level).HasMaxLength(32);
        e.Property(x => x.LastReason).HasMaxLength(32);
        e.HasOne<Enterprise>().WithOne().HasForeignKey<SmeStandingRecord>(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal static class SmallEnterprisesExtensions
{
    /// <summary>Small enterprises' levels (小微企业等级): the rolling promotion after each cycle, revocation on a veto.</summary>
    public static IServiceCollection AddSmallEnterprises(this IServiceCollection services) => services.AddScoped<SmeLevels>();
}
