using System.Globalization;

namespace Evaluation.Web.Features.SelfAssessment;

/// <summary>What an industry variant changes against the base index, in words, so the enterprise sees why its form differs.</summary>
internal static class VariantChanges
{
    public static IReadOnlyList<string> Between(Rules.Model.Catalogue @base, Rules.Model.Catalogue variant, string lang)
    {
        if (variant.Variant is null) return [];
        var en = lang.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var before = @base.Indicators.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var after = variant.Indicators.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var changes = new List<string>();
        foreach (var i in variant.Indicators)
        {
            if (!before.TryGetValue(i.Id, out var old)) changes.Add((en ? "adds " : "新增指标 ") + $"{i.Id} {i.Name.In(lang)} ({Num(i.Points)})");
            else if (old.Points != i.Points) changes.Add($"{i.Id} {i.Name.In(lang)}: {Num(old.Points)} → {Num(i.Points)}");
        }
        changes.AddRange(@base.Indicators.Where(i => !after.ContainsKey(i.Id))
            .Select(i => (en ? "drops " : "不适用指标 ") + $"{i.Id} {i.Name.In(lang)}"));
        var inputs = @base.Inputs.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        changes.AddRange(variant.Inputs.Where(i => !inputs.Contains(i.Id))
            .Select(i => (en ? "asks also: " : "增加填报项：") + i.Label.In(lang)));
        var parameters = @base.Parameters.ToDictionary(p => p.Id, p => p.Value, StringComparer.Ordinal);
        changes.AddRange(variant.Parameters.Where(p => parameters.TryGetValue(p.Id, out var v) && !Equals(v, p.Value))
            .Select(p => $"{p.Label?.In(lang) ?? p.Id}: {Value(parameters[p.Id])} → {Value(p.Value)}"));
        return changes;
    }

    private static string Value(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static string Num(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);
}
