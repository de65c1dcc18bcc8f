using System.Globalization;
using System.Xml.Linq;
using Evaluation.Rules.Feel;

namespace Evaluation.Rules.Tck;

/// <summary>Reads TCK values (xsd-typed, nil, components, lists) and compares results with them.</summary>
internal static class TckValues
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>The value held by an inputNode, expected or component element.</summary>
    public static object? Read(XElement holder)
    {
        if (DmnModel.Child(holder, "value") is { } value) return ReadValue(value);
        if (DmnModel.Child(holder, "list") is { } list)
            return DmnModel.Children(list, "item").Select(Read).ToArray();
        var components = DmnModel.Children(holder, "component").ToList();
        if (components.Count > 0)
            return components.ToDictionary(c => (string)c.Attribute("name")!, Read, StringComparer.Ordinal);
        return null;
    }

    private static object? ReadValue(XElement value)
    {
        if ((string?)value.Attribute(Xsi + "nil") == "true") return null;
        var type = (string?)value.Attribute(Xsi + "type");
        var text = value.Value;
        var local = type?[(type.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return local switch
        {
            null or "string" => text,
            "decimal" or "double" or "integer" or "int" or "long" or "float" =>
                decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
            "boolean" => text.Trim() == "true",
            "date" => DateOnly.ParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw new TckUnsupportedException($"values of type {type} are outside the subset"),
        };
    }

    public static bool Same(object? expected, object? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (IDictionary<string, object?> e, IDictionary<string, object?> a) =>
            e.Count == a.Count && e.All(kv => a.TryGetValue(kv.Key, out var v) && Same(kv.Value, v)),
        (IReadOnlyList<object?> e, IReadOnlyList<object?> a) => e.Count == a.Count && e.Zip(a).All(p => Same(p.First, p.Second)),
        _ => FeelRuntime.Equal(expected, actual) == true,
    };

    public static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IDictionary<string, object?> map => $"{{{string.Join(", ", map.Select(kv => $"{kv.Key}: {Show(kv.Value)}"))}}}",
        IReadOnlyList<object?> list => $"[{string.Join(", ", list.Select(Show))}]",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "?",
    };
}
