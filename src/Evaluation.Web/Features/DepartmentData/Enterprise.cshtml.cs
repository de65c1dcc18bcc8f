using Evaluation.Web.Features.Facts;

namespace Evaluation.Web.Features.DepartmentData;

/// <summary>
/// One enterprise through a department's eyes: its inputs, its value beside the enterprise's own claim
/// (the department's prevails in scoring), and a form to enter or correct one value.
/// </summary>
[Authorize(Policy = DepartmentDataExtensions.DeskPolicy)]
internal sealed class EnterpriseModel(EvaluationDbContext db, DepartmentScope scope, FactLedger ledger,
    ProvisionalScoreCards scoreCards) : PageModel
{
    [BindProperty] public EntryInput Entry { get; set; } = new();
    [BindProperty(SupportsGet = true)] public bool Saved { get; set; }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string CreditCode { get; private set; } = "";
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>Vetoes resting on this department's data that fire on the enterprise's current facts.</summary>
    public IReadOnlyList<string> FiredVetoes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var campaign = await scope.OpenCampaignAsync(cancellationToken);
        if (campaign is null || !await LoadAsync(id, cancellationToken)) return NotFound();
        if (User.DepartmentId() is not { } department) return StatusCode(StatusCodes.Status403Forbidden); // the centre reads only
        if (string.IsNullOrWhiteSpace(Entry.InputId))
        {
            ModelState.AddModelError("Entry.InputId", "请选择指标输入 / choose the input to enter");
            return Page();
        }
        // Another department's input is refused outright, not merely reported as a form error.
        if (!scope.InputsOf(campaign, department).ContainsKey(Entry.InputId.Trim())) return StatusCode(StatusCodes.Status403Forbidden);
        var validator = await SubmissionValidator.CreateAsync(db, scope, campaign, department, cancellationToken);
        validator.Add(new SubmissionLine(1, CreditCode, Entry.InputId.Trim(), Entry.Value, Entry.Note), Entry.InputId);
        var check = validator.Result;
        // The form says which value the officer saw; if another has replaced it since, this is no correction of it
        // (and not a first value either): said before anything else, e.g. that a correction needs a note.
        if (check.Changes is [var change] && Entry.Seen.TryGetValue(change.InputId, out var seen)
            && !string.Equals(seen, change.SupersedesFactId?.ToString() ?? NoValue, StringComparison.OrdinalIgnoreCase))
            return await ChangedMeanwhileAsync(id, cancellationToken);
        if (check.Changes is [{ Old: not null, Note: null }])
            validator.Fail(1, Entry.InputId, "更正需要说明原因 / a correction needs a note saying why");
        foreach (var error in check.Errors) ModelState.AddModelError("", error.Message);
        if (!check.IsValid) return Page();
        try
        {
            await ledger.RecordSubmissionAsync(campaign, department, check.Changes, "部门录入 / department entry", cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ChangedMeanwhileAsync(id, cancellationToken); // two saves at once: the other one won
        }
        return RedirectToPage(new { id, saved = true });
    }

    /// <summary>Marks an input without a department value in <see cref="EntryInput.Seen"/>.</summary>
    public const string NoValue = "none";

    /// <summary>409 with the page as it is now (the other officer's value shown), the message, and nothing stored.</summary>
    private async Task<IActionResult> ChangedMeanwhileAsync(Guid id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        ModelState.AddModelError("", FactLedger.ChangedMeanwhile);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var campaign = await scope.OpenCampaignAsync(cancellationToken);
        if (campaign is null) return false;
        var enterprise = await scope.EnterprisesOf(campaign).SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (enterprise is null) return false;
        (Id, Name, CreditCode) = (enterprise.Id, enterprise.Name, enterprise.CreditCode);
        var inputs = scope.InputsFor(campaign, User);
        var ids = inputs.Keys.ToList();
        var facts = await db.Facts.AsNoTracking()
            .Where(f => f.CampaignId == campaign.Id && f.EnterpriseId == id && f.SupersededById == null && ids.Contains(f.InputId)
                && (f.Origin == FactOrigin.Department || f.Origin == FactOrigin.Enterprise))
            .ToListAsync(cancellationToken);
        // Each input's department is its catalogue source: the officer's own, or any of them for the centre.
        Rows = inputs.Values.Select(i =>
        {
            var department = facts.FirstOrDefault(f => f.InputId == i.Id && f.DepartmentId == i.Source);
            return new Row(i.Id, i.Label.Zh, i.Unit?.Zh, department?.ValueText,
                facts.Where(f => f.InputId == i.Id && f.Origin == FactOrigin.Enterprise).MaxBy(f => f.SuppliedAt)?.ValueText,
                department?.Id);
        }).ToList();
        var card = await scoreCards.ForAsync(campaign, enterprise, cancellationToken);
        FiredVetoes = card is null ? [] : card.Vetoes
            .Where(v => v.Fired == true && (User.IsCentre() || string.Equals(v.Source, User.DepartmentId(), StringComparison.Ordinal)))
            .Select(v => $"{v.Id} {v.Name.Zh}").ToList();
        return true;
    }

    internal sealed record Row(string InputId, string Label, string? Unit, string? DepartmentValue, string? EnterpriseValue,
        Guid? DepartmentFactId)
    {
        public bool Differs => DepartmentValue is not null && EnterpriseValue is not null
            && !string.Equals(DepartmentValue, EnterpriseValue, StringComparison.Ordinal);
    }
}

internal sealed class EntryInput
{
    public string InputId { get; set; } = "";
    public string Value { get; set; } = "";
    public string? Note { get; set; }

    /// <summary>
    /// Per input, the department value the officer saw when the form was rendered (its fact id, or
    /// <see cref="EnterpriseModel.NoValue"/>): optimistic concurrency for two officers with the same page open.
    /// A client that sends none (an older form, a script) is checked only against saves at the same instant.
    /// </summary>
    public Dictionary<string, string> Seen { get; set; } = new(StringComparer.Ordinal);
}
