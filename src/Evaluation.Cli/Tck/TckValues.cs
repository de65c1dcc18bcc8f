using System.Globalization;
using System.Xml.Linq;
using Evaluation.Rules.Feel;

namespace Evaluation.Cli.Tck;

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
            return new FeelContext(components.Select(c => KeyValuePair.Create((string)c.Attribute("name")!, Read(c))));
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
            "date" => Temporal("date", text),
            "dateTime" => Temporal("date and time", text),
            "time" => Temporal("time", text),
            "duration" or "dayTimeDuration" or "yearMonthDuration" => Temporal("duration", text),
            _ => throw new TckUnsupportedException($"values of type {type} are outside the subset"),
        };
    }

    private static object Temporal(string function, string text) =>
        FeelInterpreter.CallBuiltin(function, text.Trim()) ?? throw new FormatException($"'{text}' is not a valid {function}");

    public static bool Same(object? expected, object? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (IReadOnlyDictionary<string, object?> e, IReadOnlyDictionary<string, object?> a) =>
            e.Count == a.Count && e.All(kv => a.TryGetValue(kv.Key, out var v) && Same(kv.Value, v)),
        (IReadOnlyList<object?> e, IReadOnlyList<object?> a) => e.Count == a.Count && e.Zip(a).All(p => Same(p.First, p.Second)),
        (decimal e, decimal a) => SameNumber(e, a),
        // Temporal values: the same type and the same ISO text (zone and precision as written).
        (FeelDate or FeelTime or FeelDateTime or FeelDuration or FeelYearsMonths, _) =>
            expected.GetType() == actual.GetType() && FeelInterpreter.ToText(expected) == FeelInterpreter.ToText(actual),
        _ => FeelInterpreter.ValuesEqual(expected, actual) == true,
    };

    // An expected value with 15 or more significant digits is a double's printout (5.66666666666667 for 17/3,
    // loan payments computed in binary floating point): the exact decimal result matches it to a double's
    // precision (relative 1e-12). An expected value of 8 to 14 significant digits from a transcendental
    // function (exp(4) = 54.59815003, stddev, a fractional power) is that printout cut or rounded: the result
    // matches within one unit of its last digit. Shorter expected values must be exact.
    private static bool SameNumber(decimal expected, decimal actual)
    {
        if (expected == actual) return true;
        var text = (expected / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
        var digits = text.TrimStart('-', '0', '.').Count(char.IsAsciiDigit);
        if (digits >= 15) return Math.Abs(actual - expected) <= Math.Abs(expected) * 1e-12m;
        // As written (trailing zeros kept: -0.88796890 has eight digits).
        var written = expected.ToString(CultureInfo.InvariantCulture);
        var point = written.IndexOf('.', StringComparison.Ordinal);
        var decimals = point < 0 ? 0 : written.Length - point - 1;
        digits = written.TrimStart('-', '0', '.').Count(char.IsAsciiDigit);
        return digits >= 8 && decimals > 0 && Math.Abs(actual - expected) <= Pow10(-decimals);
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < -exponent; i++) result /= 10m;
        return result;
    }

    public static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => FeelInterpreter.ToText(value) ?? "?",
    };
}
