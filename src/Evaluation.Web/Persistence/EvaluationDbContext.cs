using Evaluation.Web.Features.Departments;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Features.Publication;
using Evaluation.Web.Features.Scoring;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;

namespace Evaluation.Web.Persistence;

/// <summary>The platform's one DbContext, used directly by the features (no repositories over it).</summary>
internal sealed class EvaluationDbContext(
    DbContextOptions<EvaluationDbContext> options, AuditActor? actor = null, TimeProvider? clock = null)
    : DbContext(options), IDataProtectionKeyContext
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private string? _reason;

    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<Fact> Facts => Set<Fact>();
    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();
    public DbSet<ScoreCardSnapshot> ScoreCardSnapshots => Set<ScoreCardSnapshot>();
    public DbSet<Rating> Ratings => Set<Rating>();
    public DbSet<Objection> Objections => Set<Objection>();
    public DbSet<PublicNotice> PublicNotices => Set<PublicNotice>();
    public DbSet<ScoringRun> ScoringRuns => Set<ScoringRun>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    /// <summary>The data-protection key ring (the framework's entity and store, <see cref="DataProtectionSetup"/>).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Why the next SaveChanges happens; written beside every audit entry it produces.</summary>
    public EvaluationDbContext Because(string reason)
    {
        // The audit column holds 1,000 characters; a longer reason (a 2,000-character note quoted in it) is cut there,
        // never inside a surrogate pair.
        _reason = Features.Shared.FreeText.Cut(reason, 1000);
        return this;
    }

    // Reactions of other features to a save (the public ratings' cache) are SaveChanges interceptors they register.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        AppendAudit();
        try { return base.SaveChanges(acceptAllChangesOnSuccess); }
        finally { _reason = null; }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        AppendAudit();
        try { return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken); }
        finally { _reason = null; }
    }

    private void AppendAudit()
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var entries = AuditTrail.Entries(ChangeTracker, actor?.Name ?? "system", actor?.UserId, now, _reason);
        AuditEntries.AddRange(entries);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums as readable text: the audit log and ad-hoc SQL should say "Submitted", not 1.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EvaluationDbContext).Assembly);
}
