using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Evaluation.Engine.Tests.Golden;

/// <summary>A hand-computed case: facts and the expected ScoreCard, read from Golden/&lt;set&gt;/*.yaml.</summary>
internal sealed record GoldenCase(
    string Id,
    string? Variant,
    Dictionary<string, object?> Facts,
    string Total,
    string Grade,
    List<string> Vetoes,
    Dictionary<string, string> Categories,
    Dictionary<string, string> Indicators,
    List<string> Missing)
{
    public static IEnumerable<object[]> All(string set) =>
        Directory.GetFiles(Repo.Path("tests", "Evaluation.Engine.Tests", "Golden", set), "*.yaml")
            .Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileNameWithoutExtension(f) });

    public static GoldenCase Load(string set, string name)
    {
        var root = Root(Repo.Path("tests", "Evaluation.Engine.Tests", "Golden", set, name + ".yaml"));
        var expect = (YamlMappingNode)root["expect"];
        return new GoldenCase(
            Str(root["id"])!,
            root.Children.TryGetValue("variant", out var v) ? Str(v) : null,
            ReadFacts((YamlMappingNode)(root.Children.TryGetValue("facts", out var f) ? f : root["park"])),
            Str(expect["total"])!,
            Str(expect["grade"])!,
            List(expect, "vetoes"),
            Map(expect, "categories"),
            Map(expect, "indicators"),
            List(expect, "missing"));
    }

    internal static YamlMappingNode Root(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    /// <summary>Facts read from their text: numbers as exact decimals (never through double), quoted values as strings.</summary>
    internal static Dictionary<string, object?> ReadFacts(YamlMappingNode map) =>
        map.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => Value((YamlScalarNode)kv.Value), StringComparer.Ordinal);

    private static object? Value(YamlScalarNode s)
    {
        if (s.Style is YamlDotNet.Core.ScalarStyle.DoubleQuoted or YamlDotNet.Core.ScalarStyle.SingleQuoted) return s.Value;
        if (s.Value is "null" or "~" or "") return null;
        if (s.Value is "true" or "false") return s.Value == "true";
        return decimal.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : s.Value;
    }

    private static string? Str(YamlNode node) => node is YamlScalarNode { Value: not ("null" or "~") } s ? s.Value : null;

    private static List<string> List(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(key, out var n) && n is YamlSequenceNode seq ? [.. seq.Children.Select(c => Str(c)!)] : [];

    private static Dictionary<string, string> Map(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(key, out var n) && n is YamlMappingNode m
            ? m.Children.ToDictionary(kv => Str(kv.Key)!, kv => Str(kv.Value)!, StringComparer.Ordinal)
            : [];
}
