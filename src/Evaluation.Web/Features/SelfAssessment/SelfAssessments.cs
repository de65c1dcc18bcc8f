using System.Security.Claims;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Features.Scoring;
using CampaignApplication = Evaluation.Web.Features.Campaigns.Application;

namespace Evaluation.Web.Features.SelfAssessment;

/// <summary>One application with everything its self-assessment needs: the rules it is judged by and its current facts.</summary>
internal sealed record Draft(CampaignApplication Application, Campaign Campaign, Enterprise Enterprise,
    CampaignCatalogue CampaignCatalogue, IReadOnlyList<Fact> Facts)
{
    /// <summary>The catalogue the application is judged by: the campaign's, for the enterprise's industry, with the campaign's values.</summary>
    public Rules.Model.Catalogue Catalogue => CampaignCatalogue.Catalogue;

    /// <summary>The form the catalogue generates.</summary>
    public FormLayout Layout => CampaignCatalogue.Layout;

    /// <summary>The small-enterprise scheme of the campaign's catalogue version, if it has one.</summary>
    public Rules.Model.SmeScheme? Sme => CampaignCatalogue.Version.Sme;

    /// <summary>The small-enterprise modules this application aims for, as the scheme defines them.</summary>
    public IEnumerable<Rules.Model.SmeModule> AimedModules => Sme is null ? []
        : Sme.Modules.Where(m => Application.AimedModules.Contains(m.Id, StringComparer.Ordinal));

    /// <summary>The enterprise's own current answer to an input, if any.</summary>
    public Fact? Answer(string inputId) => Facts.Where(f => f.InputId == inputId && f.Origin is FactOrigin.Enterprise or FactOrigin.Survey)
        .MaxBy(f => f.SuppliedAt);

    /// <summary>The owning department's current value, if it has sent one.</summary>
    public Fact? DepartmentValue(string inputId) => Facts.Where(f => f.InputId == inputId && f.Origin == FactOrigin.Department)
        .MaxBy(f => f.SuppliedAt);
}

/// <summary>Loads, saves and scores an enterprise's self-assessment; every door checks the application is the caller's own.</summary>
internal sealed class SelfAssessments(EvaluationDbContext db, IAuthorizationService authorization, CampaignCatalogues catalogues,
    FactLedger ledger, TimeProvider clock, Scorer scorer)
{
    /// <summary>
    /// Submits the application and freezes the ScoreCard it was submitted with — the one way to submit.
    /// False (nothing changed) while a value the engine cannot read is on file: a frozen snapshot has to be
    /// reproducible from the facts it names.
    /// </summary>
    public async Task<bool> SubmitAsync(Draft draft, CancellationToken cancellationToken)
    {
        var result = Scorer.Score(draft.CampaignCatalogue, draft.Enterprise.CreditCode, draft.Facts);
        if (!result.IsScorable) return false;
        draft.Application.Submit(clock.GetUtcNow().UtcDateTime);
        db.ScoreCardSnapshots.Add(scorer.Freeze(draft.Application, result));
        await db.Because("企业提交自评 / self-assessment submitted").SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The draft, or null when it does not exist or is not the user's (the caller answers 404 either way).</summary>
    public async Task<Draft?> LoadAsync(Guid applicationId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var application = await db.Applications.SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        if (application is null || !(await authorization.AuthorizeAsync(user, application, Policies.OwnRecord)).Succeeded)
            return null;
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == application.CampaignId, cancellationToken);
        var enterprise = await db.Enterprises.SingleAsync(e => e.Id == application.EnterpriseId, cancellationToken);
        var facts = await db.Facts.Where(f => f.CampaignId == campaign.Id && f.EnterpriseId == enterprise.Id
            && f.SupersededById == null).ToListAsync(cancellationToken);
        return new Draft(application, campaign, enterprise, catalogues.For(campaign, enterprise), facts);
    }

    /// <summary>Records the changed answers through the ledger, superseding the enterprise's earlier ones (history kept).</summary>
    public async Task SaveAsync(Draft draft, IReadOnlyDictionary<string, object> values, CancellationToken cancellationToken)
    {
        if (!draft.Application.IsEditable) throw new IllegalTransitionException(draft.Application.Id, draft.Application.Status, ApplicationStatus.Draft);
        foreach (var (id, value) in values)
        {
            var text = Text(value);
            if (draft.Answer(id) is { } previous && string.Equals(previous.ValueText, text, StringComparison.Ordinal)) continue;
            await ledger.RecordAsync(draft.Campaign, draft.Enterprise.Id, id, text, FactWriter.Enterprise, cancellationToken);
        }
        await db.Because("企业自评草稿 / self-assessment draft").SaveChangesAsync(cancellationToken);
    }

    /// <summary>Text in the form the catalogue's parser reads back (invariant numbers, lower-case booleans, ISO dates).</summary>
    public static string Text(object value) => value switch
    {
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        decimal m => m.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}

internal static class SelfAssessmentExtensions
{
    public static IServiceCollection AddSelfAssessment(this IServiceCollection services)
    {
        services.AddScoped<SelfAssessments>();
        services.AddScoped<EvidenceUpload>();
        services.AddScoped<IndustryAverages>();
        return services;
    }

    public static WebApplication MapSelfAssessment(this WebApplication app)
    {
        app.MapEvidenceDownload();
        return app;
    }
}
