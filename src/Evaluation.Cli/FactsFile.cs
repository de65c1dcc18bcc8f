using System.Globalization;
using System.Text.Json;
using CsvHelper;

namespace Evaluation.Cli;

/// <summary>One case of a facts file: an id, an optional variant and raw facts.</summary>
internal sealed record FactCase(string Id, string? Variant, Dictionary<string, object?> Facts, int Line);

/// <summary>Reads facts files: a JSON array of { id, variant, facts } or a CSV with id, variant and input columns.</summary>
internal static class FactsFile
{
    public static List<FactCase> Read(string path, List<string> errors)
    {
        if (!File.Exists(path))
        {
            errors.Add($"{path}: no such file");
            return [];
        }
        return Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(path, errors) : ReadJson(path, errors);
    }

    private static List<FactCase> ReadJson(string path, List<string> errors)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            errors.Add($"{path}:{e.LineNumber + 1}: not valid JSON: {e.Message}");
            return [];
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                errors.Add($"{path}: expected a JSON array of {{ \"id\", \"variant\", \"facts\" }}");
                return [];
            }
            var cases = new List<FactCase>();
            var n = 0;
            foreach (var item in doc.RootElement.EnumerateArray())
                if (ReadCase(item, ++n, $"{path}: item {n}", errors) is { } c) cases.Add(c);
            return cases;
        }
    }

    /// <summary>One { "id", "variant", "facts" } object; null with an error naming <paramref name="where"/> when malformed.</summary>
    public static FactCase? ReadCase(JsonElement item, int n, string where, List<string> errors)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("facts", out var facts) || facts.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{where}: expected an object with \"facts\": {{ … }}");
            return null;
        }
        var id = item.TryGetProperty("id", out var idEl) && idEl.ValueKind == JsonValueKind.String ? idEl.GetString()! : n.ToString(CultureInfo.InvariantCulture);
        var variant = item.TryGetProperty("variant", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in facts.EnumerateObject()) values[p.Name] = ToValue(p.Value);
        return new FactCase(id, variant, values, n);
    }

    private static object? ToValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.TryGetDecimal(out var d) ? d : e.GetRawText(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => e.GetRawText(),
    };

    private static List<FactCase> ReadCsv(string path, List<string> errors)
    {
        using var csv = CsvReader.FromFile(path, new CsvReaderOptions { HasHeader = true, Separator = ',', TrackLineNumbers = true }, FileOptions.SequentialScan);
        var cases = new List<FactCase>();
        csv.ReadHeader();
        var header = csv.Headers;
        if (header.Count < 2 || header[0] != "id" || header[1] != "variant")
        {
            errors.Add($"{path}:1: the header must start with id,variant");
            return cases;
        }
        while (csv.Read())
        {
            var line = (int)csv.LineNumber;
            if (csv.FieldCount != header.Count)
            {
                errors.Add($"{path}:{line}: {csv.FieldCount} fields, the header has {header.Count}");
                continue;
            }
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var c = 2; c < header.Count; c++)
            {
                var cell = csv.GetString(c);
                if (!string.IsNullOrWhiteSpace(cell)) values[header[c]] = cell;
            }
            var variant = csv.GetString(1);
            cases.Add(new FactCase(csv.GetString(0), string.IsNullOrWhiteSpace(variant) ? null : variant, values, line));
        }
        return cases;
    }
}
