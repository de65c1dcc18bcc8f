using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using CsvHelper;

namespace Evaluation.Cli;

/// <summary>One case of a facts file: an id, an optional variant and raw facts.</summary>
internal sealed record FactCase(string Id, string? Variant, Dictionary<string, object?> Facts, int Line);

/// <summary>Reads facts files: a JSON array of { id, variant, facts } or a CSV with id, variant and input columns.</summary>
internal static class FactsFile
{
    /// <summary>Reads every case; <paramref name="first"/> is told the first case as soon as it is read.</summary>
    public static List<FactCase> Read(string path, List<string> errors, Action<FactCase>? first = null)
    {
        if (!File.Exists(path))
        {
            errors.Add($"{path}: no such file");
            return [];
        }
        return Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(path, errors, first) : ReadJson(path, errors, first);
    }

    /// <summary>
    /// Reads a JSON facts file in one pass with a <see cref="Utf8JsonReader"/>, straight into each case's facts: no
    /// <see cref="JsonDocument"/> of the whole file, fact names shared between cases instead of one string per fact.
    /// It gives exactly what <see cref="ReadCase"/> over a parsed document gives, errors included: a file that is not
    /// valid JSON reports only that (nothing per item), a repeated key counts once with its last value, and a
    /// number that is not a decimal, an object or an array is kept as its JSON text.
    /// </summary>
    private static List<FactCase> ReadJson(string path, List<string> errors, Action<FactCase>? first)
    {
        var bytes = File.ReadAllBytes(path);
        var itemErrors = new List<string>();
        var cases = new List<FactCase>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                while (reader.Read()) { }
                errors.Add($"{path}: expected a JSON array of {{ \"id\", \"variant\", \"facts\" }}");
                return [];
            }
            var names = new NameCache();
            var capacity = 8;
            var n = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                n++;
                if (ReadItem(ref reader, bytes, n, names, ref capacity) is { } c)
                {
                    if (cases.Count == 0) first?.Invoke(c);
                    cases.Add(c);
                }
                else itemErrors.Add($"{path}: item {n}: expected an object with \"facts\": {{ … }}");
            }
            while (reader.Read()) { }
        }
        catch (JsonException e)
        {
            errors.Add($"{path}:{e.LineNumber + 1}: not valid JSON: {e.Message}");
            return [];
        }
        errors.AddRange(itemErrors);
        return cases;
    }

    // One array item, the reader on its first token; null when it is not an object with a "facts" object.
    // A key given twice counts with its last value (as JsonElement.TryGetProperty finds it).
    private static FactCase? ReadItem(ref Utf8JsonReader reader, byte[] bytes, int n, NameCache names, ref int capacity)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        string? id = null, variant = null;
        Dictionary<string, object?>? facts = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("variant"u8))
            {
                reader.Read();
                variant = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("facts"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    facts = null;
                    reader.Skip();
                    continue;
                }
                facts = new Dictionary<string, object?>(capacity, StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = names.Get(ref reader);
                    reader.Read();
                    facts[name] = Value(ref reader, bytes);
                }
                capacity = Math.Max(capacity, facts.Count);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return facts is null ? null : new FactCase(id ?? n.ToString(CultureInfo.InvariantCulture), variant, facts, n);
    }

    // The value under the reader, as ToValue gives it for a JsonElement; leaves the reader on the value's last token.
    private static object? Value(ref Utf8JsonReader reader, byte[] bytes)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetDecimal(out var d) ? d : Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Null:
                return null;
            default:
                // An object or array: its raw text, from its first to its last byte.
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var raw = bytes.AsSpan(start, (int)reader.TokenStartIndex + 1 - start);
                // JsonElement.GetRawText refuses text that is not UTF-8 the same way.
                return Utf8.IsValid(raw) ? Encoding.UTF8.GetString(raw) : throw new InvalidOperationException("Cannot transcode invalid UTF-8 JSON text to UTF-16 string.");
        }
    }

    /// <summary>Fact names as strings, made once per distinct name rather than once per fact.</summary>
    private sealed class NameCache
    {
        private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        public NameCache() => _lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();

        public string Get(ref Utf8JsonReader reader)
        {
            // Escaped, long or not UTF-8 (GetString then throws, as JsonProperty.Name does): the reader's own string.
            if (reader.ValueIsEscaped || reader.ValueSpan.Length > 256 || !Utf8.IsValid(reader.ValueSpan)) return reader.GetString()!;
            Span<char> chars = stackalloc char[256];
            var length = Encoding.UTF8.GetChars(reader.ValueSpan, chars);
            if (_lookup.TryGetValue(chars[..length], out var name)) return name;
            name = new string(chars[..length]);
            _names[name] = name;
            return name;
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

    private static List<FactCase> ReadCsv(string path, List<string> errors, Action<FactCase>? first)
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
            if (cases.Count == 1) first?.Invoke(cases[0]);
        }
        return cases;
    }
}
