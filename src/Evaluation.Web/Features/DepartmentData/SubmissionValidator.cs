using Evaluation.Rules.Loading;
using Evaluation.Rules.Model;

namespace Evaluation.Web.Features.DepartmentData;

/// <summary>
/// Checks submission lines one at a time against the catalogue (type, range), the campaign's enterprises
/// and the department's current values, so a file is validated as it streams. A value equal to the
/// current one is no change: re-sending the same data adds no fact versions.
/// </summary>
internal sealed class SubmissionValidator
{
    private readonly IReadOnlyDictionary<string, InputDefinition> _inputs;
    private readonly Dictionary<string, Guid> _enterprises;
    private readonly Dictionary<(Guid, string), (Guid Id, string Value)> _current;
    /// <summary>Values already in this submission, by enterprise (so by the normalised credit code) and input.</summary>
    private readonly HashSet<(Guid, string)> _seen = [];

    private SubmissionValidator(IReadOnlyDictionary<string, InputDefinition> inputs, Dictionary<string, Guid> enterprises,
        Dictionary<(Guid, string), (Guid, string)> current) => (_inputs, _enterprises, _current) = (inputs, enterprises, current);

    public SubmissionCheck Result { get; } = new();

    public IReadOnlyDictionary<string, InputDefinition> Inputs => _inputs;

    /// <summary>Where an error about the note is reported: the sheet's note column, or the API's field.</summary>
    public string NoteColumn { get; set; } = "note";

    /// <summary>The audit reason a note becomes holds 1,000 characters; longer ones, and control characters, are refused.</summary>
    public const int MaxNoteLength = 1000;

    /// <summary>Values are stored as text of at most 2,000 characters (a text input; numbers fail their parse first).</summary>
    public const int MaxValueLength = 2000;

    /// <summary>Checks a note once per row; false (with the error recorded) when it cannot be stored.</summary>
    public bool NoteIsValid(int row, string? note)
    {
        if (Shared.FreeText.Problem(note?.Trim(), MaxNoteLength, "备注 / note", multiline: true) is not { } problem) return true;
        Fail(row, NoteColumn, problem);
        return false;
    }

    public static async Task<SubmissionValidator> CreateAsync(EvaluationDbContext db, DepartmentScope scope, Campaign campaign,
        string departmentId, CancellationToken cancellationToken)
    {
        var enterprises = await scope.EnterprisesOf(campaign).AsNoTracking()
            .Select(e => new { e.CreditCode, e.Id }).ToDictionaryAsync(e => e.CreditCode, e => e.Id, StringComparer.Ordinal, cancellationToken);
        var current = new Dictionary<(Guid, string), (Guid, string)>();
        await foreach (var f in db.Facts.AsNoTracking()
            .Where(f => f.CampaignId == campaign.Id && f.DepartmentId == departmentId && f.SupersededById == null)
            .Select(f => new { f.EnterpriseId, f.InputId, f.Id, f.ValueText }).AsAsyncEnumerable().WithCancellation(cancellationToken))
            current[(f.EnterpriseId, f.InputId)] = (f.Id, f.ValueText);
        return new SubmissionValidator(scope.InputsOf(campaign, departmentId), enterprises, current);
    }

    /// <summary>The enterprise id for a credit code, or an error naming what is wrong with it.</summary>
    public Guid? Enterprise(int row, string column, string? creditCode)
    {
        if (string.IsNullOrWhiteSpace(creditCode)) return Fail(row, column, "缺少统一社会信用代码 / missing credit code");
        if (!CreditCode.TryParse(creditCode.Trim(), out var code)) return Fail(row, column, CreditCode.Validate(creditCode.Trim()) ?? "invalid");
        if (_enterprises.TryGetValue(code.Value, out var id)) return id;
        return Fail(row, column, $"本次评价活动中没有此企业 / no enterprise {code.Value} in this campaign");
    }

    /// <summary>Checks one line that names its enterprise (a form field, an API item).</summary>
    public void Add(SubmissionLine line, string column)
    {
        var enterprise = Enterprise(line.Row, "creditCode", line.CreditCode);
        if (NoteIsValid(line.Row, line.Note)) AddFor(line, column, enterprise);
        else Result.Lines++;
    }

    /// <summary>Checks one value for an enterprise already resolved (a file row checks its credit code once).</summary>
    public void AddFor(SubmissionLine line, string column, Guid? enterpriseId)
    {
        Result.Lines++;
        if (!_inputs.TryGetValue(line.InputId, out var input))
        {
            Fail(line.Row, column, $"指标输入 {line.InputId} 不由本部门提供 / input {line.InputId} is not owned by this department");
            return;
        }
        var value = Parse(line, column, input);
        if (value is null || enterpriseId is not { } id) return;
        if (!_seen.Add((id, line.InputId)))
        {
            Fail(line.Row, column, $"重复：{line.CreditCode} 的 {line.InputId} 已出现过 / duplicate value for {line.CreditCode} {line.InputId}");
            return;
        }
        Compare(line, input, id, value);
    }

    private object? Parse(SubmissionLine line, string column, InputDefinition input)
    {
        if (Shared.FreeText.Problem(line.Value.Trim(), MaxValueLength, input.Label.Zh) is { } problem)
        {
            Fail(line.Row, column, problem);
            return null;
        }
        var parsed = Values.Parse(input, line.Value, out var error);
        if (error is null) parsed = Values.Check(input, parsed, out error);
        if (error is not null) Fail(line.Row, column, $"{input.Label.Zh}：{error}");
        return error is null ? parsed : null;
    }

    private void Compare(SubmissionLine line, InputDefinition input, Guid enterpriseId, object value)
    {
        _current.TryGetValue((enterpriseId, input.Id), out var current);
        if (current.Value is not null && Equals(Values.Parse(input, current.Value, out _), value))
        {
            Result.Unchanged++;
            return;
        }
        Result.Changes.Add(new FactChange(line.Row, enterpriseId, line.CreditCode!.Trim().ToUpperInvariant(), input.Id, current.Value,
            current.Value is null ? null : current.Id, line.Value.Trim(), string.IsNullOrWhiteSpace(line.Note) ? null : line.Note.Trim()));
    }

    public Guid? Fail(int row, string column, string message)
    {
        Result.Errors.Add(new SubmissionError(row, column, message));
        return null;
    }
}
