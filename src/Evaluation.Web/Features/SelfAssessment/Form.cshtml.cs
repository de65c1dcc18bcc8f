using Evaluation.Web.Features.Localization;
using Evaluation.Web.Features.Scoring;
using Evaluation.Web.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Evaluation.Web.Features.SelfAssessment;

/// <summary>
/// The self-assessment: the generated form, the provisional score beside it (refreshed as JSON while the
/// form changes), the improvement plan, and submission. Another enterprise's application answers 404.
/// </summary>
internal sealed class FormModel(SelfAssessments drafts, EvaluationDbContext db, Scorer scorer, TimeProvider clock) : PageModel
{
    private const string FieldPrefix = "f.";

    public Draft Draft { get; private set; } = null!;
    public ProvisionalScore Score { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Posted { get; private set; } = new Dictionary<string, string>();
    public bool Saved { get; private set; }

    public static string Lang => LocalizationExtensions.IsEnglish ? "en" : "zh";

    public async Task<IActionResult> OnGetAsync(Guid id, bool saved, CancellationToken cancellationToken)
    {
        if (await drafts.LoadAsync(id, User, cancellationToken) is not { } draft) return NotFound();
        (Draft, Saved) = (draft, saved);
        Score = ProvisionalScore.For(draft, null, Lang);
        return Page();
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
            Score = ProvisionalScore.For(draft, null, Lang);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await drafts.SaveAsync(draft, values, cancellationToken);
        return RedirectToPage(new { id, saved = true });
    }

    /// <summary>Locks the application and freezes the ScoreCard it was submitted with.</summary>
    public async Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await drafts.LoadAsync(id, User, cancellationToken) is not { } draft) return NotFound();
        draft.Application.Submit(clock.GetUtcNow().UtcDateTime);
        db.ScoreCardSnapshots.Add(scorer.Score(draft.Campaign, draft.Enterprise, draft.Application, draft.Facts));
        await db.Because("企业提交自评 / self-assessment submitted").SaveChangesAsync(cancellationToken);
        return Redirect($"/enterprise/applications/{id}");
    }

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
