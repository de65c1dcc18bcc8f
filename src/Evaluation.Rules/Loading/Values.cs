using System.Globalization;
using Evaluation.Rules.Model;

namespace Evaluation.Rules.Loading;

/// <summary>Turns raw text (YAML scalars, CSV cells) into typed fact values, saying what is wrong when it cannot.</summary>
public static class Values
{
    /// <summary>The grades A–D, the values of a <c>grade</c> input.</summary>
    public static readonly IReadOnlyList<string> Grades = ["A", "B", "C", "D"];

    /// <summary>Parses <paramref name="text"/> as a value of the input; null with an error message when it is not one.</summary>
    public static object? Parse(InputDefinition input, string text, out string? error) =>
        Parse(input.Type, input.Values, text, out error);

    internal static object? Parse(InputType type, IReadOnlyList<string> allowed, string text, out string? error)
    {
        error = null;
        text = text.Trim();
        switch (type)
        {
            case InputType.Integer:
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return (decimal)l;
                error = $"'{text}' is not a whole number";
                return null;
            case InputType.Decimal:
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
                error = $"'{text}' is not a number";
                return null;
            case InputType.Boolean:
                if (text is "true" or "false") return text == "true";
                error = $"'{text}' is not true or false";
                return null;
            case InputType.Date:
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
                error = $"'{text}' is not a date (yyyy-MM-dd)";
                return null;
            case InputType.Enum or InputType.Grade:
                if (allowed.Contains(text)) return text;
                error = $"'{text}' is not one of {string.Join(", ", allowed)}";
                return null;
            default:
                return text;
        }
    }

    /// <summary>Checks an already-typed value (e.g. from JSON) against the input; returns the normalised value.</summary>
    public static object? Check(InputDefinition input, object? value, out string? error)
    {
        error = null;
        if (value is null) return null;
        var normalised = value switch
        {
            decimal or bool or DateOnly => value,
            int i => (decimal)i,
            long l => (decimal)l,
            double db => (decimal)db,
            string s => input.Type is InputType.Text or InputType.Enum or InputType.Grade ? s : Parse(input, s, out error),
            _ => null,
        };
        if (error is not null) return null;
        if (normalised is null) { error = $"unsupported value '{value}'"; return null; }
        return CheckTyped(input, normalised, out error);
    }

    private static object? CheckTyped(InputDefinition input, object value, out string? error)
    {
        error = null;
        var ok = input.Type switch
        {
            InputType.Integer => value is decimal d && d == decimal.Truncate(d),
            InputType.Decimal => value is decimal,
            InputType.Boolean => value is bool,
            InputType.Date => value is DateOnly,
            InputType.Enum or InputType.Grade => value is string s && input.Values.Contains(s),
            _ => value is string,
        };
        if (!ok)
        {
            error = input.Type switch
            {
                InputType.Integer => $"'{value}' is not a whole number",
                InputType.Enum or InputType.Grade => $"'{value}' is not one of {string.Join(", ", input.Values)}",
                _ => $"'{value}' is not a {input.Type.ToString().ToLowerInvariant()}",
            };
            return null;
        }
        if (value is decimal n && (n < input.Min || n > input.Max))
        {
            error = $"{n.ToString(CultureInfo.InvariantCulture)} is outside [{input.Min?.ToString(CultureInfo.InvariantCulture) ?? "−∞"}, {input.Max?.ToString(CultureInfo.InvariantCulture) ?? "∞"}]";
            return null;
        }
        return value;
    }
}
