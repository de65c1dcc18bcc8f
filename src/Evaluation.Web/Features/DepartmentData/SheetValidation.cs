using Evaluation.Rules.Model;

namespace Evaluation.Web.Features.DepartmentData;

/// <summary>One row of an uploaded sheet: its line in the file and its cells as text.</summary>
internal readonly record struct SheetRow(int Line, IReadOnlyList<string> Cells)
{
    public string Cell(int index) => index < Cells.Count ? Cells[index] : "";
}

/// <summary>
/// The department's sheet, whatever the file format: a credit-code column, one column per input it owns,
/// an optional note. Headers are Chinese first with the input id (what is matched) and the unit beside it.
/// Rows are checked as they stream past; only errors and changes are kept.
/// </summary>
internal static class SheetValidation
{
    public const string CreditCodeHeader = "统一社会信用代码 credit_code";
    public const string NoteHeader = "备注 note";

    public static string Header(InputDefinition input) =>
        input.Unit is null ? $"{input.Label.Zh} {input.Id}" : $"{input.Label.Zh} {input.Id} ({input.Unit.Zh})";

    public static IEnumerable<string> Headers(IEnumerable<InputDefinition> inputs) =>
        [CreditCodeHeader, .. inputs.Select(Header), NoteHeader];

    /// <summary>The first row is the header. An empty cell means "no value sent", not "clear the value".</summary>
    public static void Validate(IEnumerable<SheetRow> rows, SubmissionValidator validator)
    {
        using var e = rows.GetEnumerator();
        if (!e.MoveNext())
        {
            validator.Fail(1, CreditCodeHeader, "文件为空 / the file is empty");
            return;
        }
        var columns = ReadColumns(e.Current.Cells, validator);
        if (columns is null) return;
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (e.MoveNext()) ValidateRow(e.Current, columns, codes, validator);
    }

    private static void ValidateRow(SheetRow row, Columns columns, HashSet<string> codes, SubmissionValidator validator)
    {
        var code = row.Cell(columns.CreditCode).Trim();
        if (code.Length == 0 && columns.Inputs.All(c => string.IsNullOrWhiteSpace(row.Cell(c.Index)))) return; // a blank line
        if (code.Length > 0 && !codes.Add(code))
        {
            validator.Fail(row.Line, CreditCodeHeader, $"重复行：{code} 已在前面出现 / duplicate row for {code}");
            return;
        }
        var enterprise = validator.Enterprise(row.Line, CreditCodeHeader, code);
        var note = columns.Note is { } n ? row.Cell(n) : null;
        foreach (var (index, inputId, header) in columns.Inputs)
        {
            var value = row.Cell(index);
            if (!string.IsNullOrWhiteSpace(value)) validator.AddFor(new SubmissionLine(row.Line, code, inputId, value, note), header, enterprise);
        }
    }

    private static Columns? ReadColumns(IReadOnlyList<string> headers, SubmissionValidator validator)
    {
        var columns = new Columns();
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i].Trim();
            if (header.Length == 0) continue;
            if (header is CreditCodeHeader or "credit_code") columns.CreditCode = i;
            else if (header is NoteHeader or "note") columns.Note = i;
            else if (InputIdIn(header, validator) is { } id) columns.Inputs.Add((i, id, header));
            else validator.Fail(1, header, "未知列：不是本部门的指标输入 / unknown column: not an input of this department");
        }
        if (columns.CreditCode < 0) validator.Fail(1, CreditCodeHeader, "缺少统一社会信用代码列 / no credit code column");
        return validator.Result.IsValid ? columns : null;
    }

    /// <summary>The input a header names: any word of it that is one of the department's input ids.</summary>
    private static string? InputIdIn(string header, SubmissionValidator validator) =>
        header.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(validator.Inputs.ContainsKey);

    private sealed class Columns
    {
        public int CreditCode { get; set; } = -1;
        public int? Note { get; set; }
        public List<(int Index, string InputId, string Header)> Inputs { get; } = [];
    }
}
