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
        validator.NoteColumn = NoteHeader;
        var (width, codes, dataRows) = (e.Current.Cells.Count, new HashSet<string>(StringComparer.Ordinal), 0);
        while (e.MoveNext())
        {
            dataRows++;
            if (Ragged(e.Current, width) is { } ragged) validator.Fail(e.Current.Line, ragged.Column, ragged.Message);
            else ValidateRow(e.Current, columns, codes, validator);
        }
        if (dataRows == 0 || validator.Result is { Lines: 0, IsValid: true })
            validator.Fail(2, CreditCodeHeader, "文件没有数据行 / the file has no data rows (header only)");
    }

    /// <summary>
    /// A row with cells beyond the header's, or (in a CSV) fewer cells than the header, is refused: a shifted
    /// or cut row would put a value in another column. Empty cells beyond the header are no harm.
    /// </summary>
    private static (string Column, string Message)? Ragged(SheetRow row, int width)
    {
        for (var i = width; i < row.Cells.Count; i++)
            if (!string.IsNullOrWhiteSpace(row.Cells[i]))
                return ($"第 {i + 1} 列 / column {i + 1}", $"该行有 {row.Cells.Count} 个单元格，多于表头的 {width} 列 / the row has {row.Cells.Count} cells, the header {width}");
        if (row.Cells.Count < width && row.Cells.Any(c => !string.IsNullOrWhiteSpace(c)))
            return ($"第 {row.Cells.Count + 1} 列 / column {row.Cells.Count + 1}",
                $"该行只有 {row.Cells.Count} 个单元格，表头有 {width} 列 / the row has {row.Cells.Count} cells, the header {width}");
        return null;
    }

    private static void ValidateRow(SheetRow row, Columns columns, HashSet<string> codes, SubmissionValidator validator)
    {
        var code = row.Cell(columns.CreditCode).Trim();
        if (code.Length == 0 && columns.Inputs.All(c => string.IsNullOrWhiteSpace(row.Cell(c.Index)))) return; // a blank line
        // By the normalised code: 913302018g2kkmlh5k is the same enterprise as 913302018G2KKMLH5K.
        if (code.Length > 0 && !codes.Add(code.ToUpperInvariant()))
        {
            validator.Fail(row.Line, CreditCodeHeader, $"重复行：{code} 已在前面出现 / duplicate row for {code}");
            return;
        }
        var enterprise = validator.Enterprise(row.Line, CreditCodeHeader, code);
        var note = columns.Note is { } n ? row.Cell(n) : null;
        if (!validator.NoteIsValid(row.Line, note)) return;
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
