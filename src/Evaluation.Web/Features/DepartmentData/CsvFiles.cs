using System.Text;
using CsvHelper;
using Evaluation.Rules.Model;

namespace Evaluation.Web.Features.DepartmentData;

/// <summary>
/// The department's CSV: a credit-code column, one column per input it owns, and an optional note.
/// Headers are Chinese first with the input id (what the reader keys on) and the unit beside it.
/// </summary>
internal static class CsvFiles
{
    public const string CreditCodeHeader = "统一社会信用代码 credit_code";
    public const string NoteHeader = "备注 note";

    public static string Header(InputDefinition input) =>
        input.Unit is null ? $"{input.Label.Zh} {input.Id}" : $"{input.Label.Zh} {input.Id} ({input.Unit.Zh})";

    /// <summary>The template: UTF-8 with a byte-order mark so that Excel opens the Chinese headers correctly.</summary>
    public static void WriteTemplate(Stream stream, IEnumerable<InputDefinition> inputs)
    {
        stream.Write(Encoding.UTF8.Preamble);
        using var writer = CsvWriter.Create(stream, new CsvWriterOptions(), leaveOpen: true);
        writer.WriteRecord([CreditCodeHeader, .. inputs.Select(Header), NoteHeader]);
    }

    /// <summary>
    /// Streams the file through the validator row by row; only the errors and the changes are kept.
    /// An empty cell means "no value sent", not "clear the value".
    /// </summary>
    public static void Validate(Stream stream, SubmissionValidator validator)
    {
        using var reader = CsvReader.Create(new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true),
            new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true }, leaveOpen: false);
        reader.ReadHeader();
        var columns = ReadColumns(reader.Headers, validator);
        if (columns is null) return;
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read()) ValidateRow(reader, columns, codes, validator);
    }

    private static void ValidateRow(CsvReader reader, Columns columns, HashSet<string> codes, SubmissionValidator validator)
    {
        var row = (int)reader.LineNumber;
        var code = Cell(reader, columns.CreditCode).Trim();
        if (code.Length > 0 && !codes.Add(code))
        {
            validator.Fail(row, CreditCodeHeader, $"重复行：{code} 已在前面出现 / duplicate row for {code}");
            return;
        }
        var enterprise = validator.Enterprise(row, CreditCodeHeader, code);
        var note = columns.Note is { } n ? Cell(reader, n) : null;
        foreach (var (index, inputId, header) in columns.Inputs)
        {
            var value = Cell(reader, index);
            if (!string.IsNullOrWhiteSpace(value)) validator.AddFor(new SubmissionLine(row, code, inputId, value, note), header, enterprise);
        }
    }

    private static string Cell(CsvReader reader, int index) => index < reader.FieldCount ? reader.GetString(index) : "";

    private static Columns? ReadColumns(IReadOnlyList<string> headers, SubmissionValidator validator)
    {
        var columns = new Columns();
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i].Trim();
            if (header == CreditCodeHeader || header == "credit_code") columns.CreditCode = i;
            else if (header == NoteHeader || header == "note") columns.Note = i;
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
