using Evaluation.Web.Features.Localization;
using Evaluation.Web.Features.Scoring;

namespace Evaluation.Web.Features.SelfAssessment;

/// <summary>
/// The self-assessment: the generated form, the provisional score beside it (refreshed as JSON while the
/// form changes), the improvement plan, and submission. Another enterprise's application answers 404.
/// </summary>
[Authorize(Policy = Policies.Enterprise)]
internal sealed class FormModel(SelfAssessments drafts, EvidenceUpload evidence, IndustryAverages averages, EvaluationDbContext db) : PageModel
{
    private const string FieldPrefix = "f.";

    public Draft Draft { get; private set; } = null!;
    public ProvisionalScore Score { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Posted { get; private set; } = new Dictionary<string, string>();
    public bool Saved { get; private set; }
    public string? EvidenceError { get; private set; }
    public IReadOnlyList<EvidenceRow> Evidence { get; private set; } = [];
    public IndustryAverage? Average { get; private set; }

    public static string Lang => LocalizationExtensions.IsEnglish ? "en" : "zh";

    public async Task<IActionResult> OnGetAsync(Guid id, bool saved, CancellationToken cancellationToken)
    {
        if (await drafts.LoadAsync(id, User, cancellationToken) is not { } draft) return NotFound();
        (Draft, Saved) = (draft, saved);
        return await ShowAsync(cancellationToken);
    }

    /// <summary>The provisional score of the stored facts, for clients that only read.</summary>
    public async Task<IActionResult> OnGetScoreAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await drafts.LoadAsync(id, User, cancellationToken) is not { } draft) return NotFound();
        return new JsonResult(ProvisionalScore.For(draft, null, Lang));
    }

    /// <summary>The score as it would be with the form's unsaved answers; nothing is stored.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await drafts.LoadAsync(id, User, cancellationToken) is not { } draft) return NotFound();
        var (values, errors) = DraftValidator.Validate(draft.Layout, Answers());
        return new JsonResult(new { score = ProvisionalScore.For(draft, values, Lang), errors });
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await drafts.LoadAsync(id, User, cancellationToken) is not { } draft) return NotFound();
        if (!draft.Application.IsEditable) return StatusCode(StatusCodes.Status409Conflict);
        Posted = Answers();
        var (values, errors) = DraftValidator.Validate(draft.Layout, Posted);
        if (errors.Count > 0)
        {
            (Draft, Errors) = (draft, errors);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await ShowAsync(cancellationToken);
        }
        await drafts.SaveAsync(draft, values, cancellationToken);
        return RedirectToPage(new { id, saved = true });
    }

    /// <summary>Locks the application and freezes the ScoreCard it was submitted with.</summary>
    public async Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await drafts.LoadAsync(id, User, cancellationToken) is not { } draft) return NotFound();
        if (!await drafts.SubmitAsync(draft, cancellationToken))
        {
            Draft = draft;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync(cancellationToken);
        }
        return Redirect($"/enterprise/applications/{id}");
    }

    public async Task<IActionResult> OnPostUploadAsync(Guid id, string indicatorId, IFormFile? file, CancellationToken cancellationToken)
    {
        if (await drafts.LoadAsync(id, User, cancellationToken) is not { } draft) return NotFound();
        var error = await evidence.AddAsync(draft, indicatorId, file, cancellationToken);
        if (error is null) return RedirectToPage(null, null, new { id }, "evidence");
        (Draft, EvidenceError) = (draft, error);
        Response.StatusCode = draft.Application.IsEditable ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict;
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveEvidenceAsync(Guid id, Guid evidenceId, CancellationToken cancellationToken)
    {
        if (await drafts.LoadAsync(id, User, cancellationToken) is not { } draft) return NotFound();
        if (!draft.Application.IsEditable) return StatusCode(StatusCodes.Status409Conflict);
        return await evidence.RemoveAsync(draft, evidenceId, cancellationToken) ? RedirectToPage(null, null, new { id }, "evidence") : NotFound();
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        Score = ProvisionalScore.For(Draft, null, Lang);
        Average = await averages.ForAsync(Draft, cancellationToken);
        Evidence = await db.EvidenceFiles.Where(f => f.EnterpriseId == Draft.Enterprise.Id && f.CampaignId == Draft.Campaign.Id)
            .OrderBy(f => f.IndicatorId).ThenBy(f => f.UploadedAt)
            .Select(f => new EvidenceRow(f.Id, f.IndicatorId, f.FileName, f.ContentType, f.Size)).ToListAsync(cancellationToken);
        return Page();
    }

    /// <summary>An aimed module's points so far: it passes at the scheme's share of its points (veto aside).</summary>
    /// <summary>The small-enterprise modules aimed for, as the engine assesses them (a veto fails every module).</summary>
    public IEnumerable<(string Name, decimal Points, decimal Max, bool Passes)> ModuleProgress()
    {
        var aimed = Draft.AimedModules.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        return SmeResult().Modules.Where(m => aimed.Contains(m.Id)).Select(m => ($"{m.Id} {m.Name.In(Lang)}", m.Points, m.Max, m.Passed));
    }

    /// <summary>The highest level these answers support before any on-site review (★★★ and 示范 need one).</summary>
    public string? AttainableLevel() =>
        Engine.Sme.SmeAssessment.Attainable(Draft.Sme!, SmeResult(), onsiteReviewPassed: false)?.Name.In(Lang);

    private Engine.Sme.SmeAssessmentResult SmeResult() => Engine.Sme.SmeAssessment.Assess(Draft.Sme!,
        Score.Indicators.ToDictionary(i => i.Id, i => i.Points, StringComparer.Ordinal),
        Score.Indicators.ToDictionary(i => i.Id, i => i.Max, StringComparer.Ordinal),
        Score.Vetoes.Count > 0, Score.Grade);

    internal sealed record EvidenceRow(Guid Id, string IndicatorId, string FileName, string ContentType, long Size);

    /// <summary>The value shown in a field: what was just posted (when it was refused), else the stored answer.</summary>
    public string? ValueOf(FormField field) =>
        Posted.TryGetValue(field.Input.Id, out var posted) ? posted
        : field.Editable ? Draft.Answer(field.Input.Id)?.ValueText : Draft.DepartmentValue(field.Input.Id)?.ValueText;

    // A checkbox posts a hidden "false" and, when ticked, "true" after it: ticked wins.
    private Dictionary<string, string> Answers() => Request.Form.Keys
        .Where(k => k.StartsWith(FieldPrefix, StringComparison.Ordinal))
        .ToDictionary(k => k[FieldPrefix.Length..], k => Request.Form[k].Contains("true") ? "true" : Request.Form[k].LastOrDefault() ?? "",
            StringComparer.Ordinal);
}
