using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Evaluation.Rules.Model;

namespace Evaluation.Web.Features.Campaigns;

/// <summary>
/// A campaign's own parameter values (this year's three-year averages, a county's thresholds) laid over
/// the catalogue's. Only parameters the catalogue declares may be overridden, each with a value of its type.
/// </summary>
internal static class ParameterOverrides
{
    /// <summary>The catalogue with the campaign's values; a new instance (callers keep it: <see cref="Catalogue.CampaignCatalogues"/>).</summary>
    public static Rules.Model.Catalogue Apply(Rules.Model.Catalogue catalogue, string json) => Apply(catalogue, Parse(json));

    /// <summary>The catalogue with these values laid over its parameters; the catalogue itself when there are none.</summary>
    public static Rules.Model.Catalogue Apply(Rules.Model.Catalogue catalogue, IReadOnlyDictionary<string, JsonElement> overrides)
    {
        if (overrides.Count == 0) return catalogue;
        var unknown = overrides.Keys.Where(id => catalogue.Parameters.All(p => p.Id != id)).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException($"Campaign overrides unknown parameters of {catalogue.Key}: {string.Join(", ", unknown)}");
        var parameters = catalogue.Parameters
            .Select(p => overrides.TryGetValue(p.Id, out var v) ? p with { Value = Convert(p, v) } : p)
            .ToImmutableArray();
        return catalogue with { Parameters = parameters };
    }

    /// <summary>The JSON object as id → element; an empty text is no overrides.</summary>
    public static Dictionary<string, JsonElement> Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new FormatException("Parameter overrides are a JSON object of parameter id → value.");
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }

    private static object Convert(Parameter parameter, JsonElement value) => (parameter.Value, value.ValueKind) switch
    {
        (decimal, JsonValueKind.Number) => value.GetDecimal(),
        (bool, JsonValueKind.True or JsonValueKind.False) => value.GetBoolean(),
        (DateOnly, JsonValueKind.String) => DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        (string, JsonValueKind.String) => value.GetString()!,
        _ => throw new InvalidOperationException(
            $"Parameter {parameter.Id} is a {parameter.Value.GetType().Name}; the campaign gives {value.ValueKind}."),
    };
}
