using System.Globalization;
using Evaluation.Rules.Loading;
using Evaluation.Rules.Model;

namespace Evaluation.Web.Features.SelfAssessment;

/// <summary>
/// Checks posted answers against the catalogue: the type through the same parser the engine's loader uses,
/// then the declared range. Messages name the field by its Chinese label, English beside.
/// </summary>
internal static class DraftValidator
{
    /// <summary>Typed values of the non-empty answers, or the errors by input id (then nothing may be stored).</summary>
    public static (Dictionary<string, object> Values, Dictionary<string, string> Errors) Validate(FormLayout layout,
        IReadOnlyDictionary<string, string> posted)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, text) in posted)
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (layout.Find(id) is not { Editable: true } field)
            {
                errors[id] = $"「{id}」不是本企业填报的项目 / not an input the enterprise answers";
                continue;
            }
            var error = Check(field.Input, text, out var value);
            if (error is not null) errors[id] = $"「{field.Input.Label.Zh}」{error}";
            else values[id] = value!;
        }
        return (values, errors);
    }

    private static string? Check(InputDefinition input, string text, out object? value)
    {
        value = null;
        // The same free-text rule as department values: a bounded length, no control characters (a NUL or 100 KB
        // answer reached the database and failed there).
        if (Shared.FreeText.Problem(text.Trim(), DepartmentData.SubmissionValidator.MaxValueLength, input.Label.Zh) is { } problem)
            return problem;
        value = Values.Parse(input, text, out var error);
        if (error is not null) return TypeMessage(input);
        if (value is decimal d && input.Min is { } min && d < min) return $"不得小于 {Num(min)} / must be at least {Num(min)}";
        if (value is decimal e && input.Max is { } max && e > max) return $"不得大于 {Num(max)} / must be at most {Num(max)}";
        return null;
    }

    private static string TypeMessage(InputDefinition input) => input.Type switch
    {
        InputType.Integer => "应为整数 / must be a whole number",
        InputType.Decimal => "应为数字 / must be a number",
        InputType.Boolean => "应为“是”或“否” / must be yes or no",
        InputType.Date => "应为日期（年-月-日） / must be a date (yyyy-MM-dd)",
        _ => $"应为以下之一：{string.Join("、", input.Values)} / must be one of {string.Join(", ", input.Values)}",
    };

    private static string Num(decimal d) => d.ToString("0.####", CultureInfo.InvariantCulture);
}
