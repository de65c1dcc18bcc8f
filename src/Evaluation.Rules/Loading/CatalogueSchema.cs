using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Evaluation.Rules.Loading;

/// <summary>
/// The JSON Schema of catalogue and variant files, generated from the DTOs the loader binds, so the
/// published schema (rules/schema/) cannot drift from what the loader accepts.
/// </summary>
public static class CatalogueSchema
{
    private static readonly Dictionary<string, string[]> Enums = new(StringComparer.Ordinal)
    {
        ["InputDto.Type"] = DtoRules.InputTypes,
        ["ParameterDto.Basis"] = DtoRules.Bases,
        ["IndicatorDto.Method"] = DtoRules.Methods,
        ["TableDto.Hit"] = DtoRules.HitPolicies,
        ["AggregateDto.Fn"] = DtoRules.AggregateFns,
    };

    /// <summary>The schema of <c>catalogue.yaml</c> (and <c>park.yaml</c>).</summary>
    public static string Catalogue() => Render(typeof(CatalogueDto), "Harmonious-enterprise catalogue (catalogue.yaml, park.yaml)");

    /// <summary>The schema of <c>variants/*.yaml</c>.</summary>
    public static string Variant() => Render(typeof(VariantDto), "Industry variant of a catalogue (variants/*.yaml)");

    private static string Render(Type root, string title)
    {
        var defs = new JsonObject();
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = title,
            ["$ref"] = $"#/$defs/{Name(root)}",
            ["$defs"] = defs,
        };
        Define(root, defs);
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static void Define(Type type, JsonObject defs)
    {
        var name = Name(type);
        if (defs.ContainsKey(name)) return;
        var properties = new JsonObject();
        defs[name] = new JsonObject { ["type"] = "object", ["additionalProperties"] = false, ["properties"] = properties };
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.Name != nameof(IPositioned.Position)).OrderBy(p => p.MetadataToken))
        {
            var key = string.Concat(p.Name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
            var node = Describe(p.PropertyType, defs);
            if (Enums.TryGetValue($"{name}.{p.Name}", out var values)) node["enum"] = new JsonArray([.. values.Select(v => (JsonNode)v)]);
            properties[key] = node;
        }
    }

    private static JsonObject Describe(Type type, JsonObject defs)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(Scalar)) return new JsonObject { ["type"] = new JsonArray("string", "number", "boolean") };
        if (type == typeof(string)) return new JsonObject { ["type"] = "string" };
        if (type == typeof(decimal)) return new JsonObject { ["type"] = "number" };
        if (type == typeof(bool)) return new JsonObject { ["type"] = "boolean" };
        if (typeof(IDictionary).IsAssignableFrom(type))
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = Describe(type.GetGenericArguments()[1], defs) };
        if (typeof(IList).IsAssignableFrom(type))
        {
            var item = Describe(type.GetGenericArguments()[0], defs);
            // A single value is read as a list of one, as the loader does.
            return item.ContainsKey("$ref") ? new JsonObject { ["type"] = "array", ["items"] = item }
                : new JsonObject { ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "array", ["items"] = item }, item.DeepClone()) };
        }
        Define(type, defs);
        return new JsonObject { ["$ref"] = $"#/$defs/{Name(type)}" };
    }

    private static string Name(Type type) => type.Name;
}
