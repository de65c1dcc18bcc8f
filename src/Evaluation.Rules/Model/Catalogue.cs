using System.Collections.Immutable;
using Evaluation.Rules.Loading;

namespace Evaluation.Rules.Model;

/// <summary>Chinese text with its English beside it (English falls back to Chinese).</summary>
public sealed record Text(string Zh, string En)
{
    /// <summary>The text in the given language: "en" gives English, anything else Chinese.</summary>
    public string In(string lang) => lang.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? En : Zh;
}

/// <summary>
/// A validated, immutable catalogue (指标体系): a base index, or a base index with one industry
/// variant applied. Knows neither YAML nor the engine.
/// </summary>
public sealed record Catalogue(
    string Id,
    string Version,
    Text Title,
    decimal Total,
    ImmutableDictionary<string, decimal> Levels,
    ImmutableDictionary<string, Text> Departments,
    ImmutableArray<InputDefinition> Inputs,
    ImmutableArray<Parameter> Parameters,
    ImmutableArray<DerivedValue> Derived,
    ImmutableArray<Category> Categories,
    ImmutableArray<Veto> Vetoes,
    ImmutableArray<GradeBand> Grades,
    VariantInfo? Variant,
    string? Tenants,
    string ContentHash)
{
    /// <summary>All indicators in category order.</summary>
    public IEnumerable<Indicator> Indicators => Categories.SelectMany(c => c.Indicators);

    /// <summary>"id@version" or "id@version+variant".</summary>
    public string Key => Variant is null ? $"{Id}@{Version}" : $"{Id}@{Version}+{Variant.Id}";

    /// <summary>The input with this id, or null.</summary>
    public InputDefinition? FindInput(string id) => Inputs.FirstOrDefault(i => i.Id == id);
}

/// <summary>Which industry variant was applied, and what selects it.</summary>
public sealed record VariantInfo(string Id, Text Name, ImmutableArray<string> Industries, SourcePosition Position);

/// <summary>An input kind as the catalogue declares it.</summary>
public enum InputType { Integer, Decimal, Boolean, Text, Enum, Date, Grade }

/// <summary>What a parameter's value rests on.</summary>
public enum ParameterBasis { Legal, Social, ThreeYearAverage }

/// <summary>定量 / 半定量 / 定性.</summary>
public enum IndicatorMethod { Quantitative, SemiQuantitative, Qualitative }

/// <summary>Park aggregate functions over tenants.</summary>
public enum AggregateFunction { WeightedMean, Mean, Sum, Count, Share }

/// <summary>A fact an evaluation may read, with who supplies it.</summary>
public sealed record InputDefinition(
    string Id,
    InputType Type,
    ImmutableArray<string> Values,
    Text? Unit,
    string Source,
    bool Required,
    object? Default,
    decimal? Min,
    decimal? Max,
    Text Label,
    Text? Help,
    Aggregate? Aggregate,
    SourcePosition Position);

/// <summary>A park input computed over the park's tenants.</summary>
public sealed record Aggregate(AggregateFunction Function, FeelSource? Of, FeelSource? Weight, FeelSource? Where);

/// <summary>A campaign constant, with its basis.</summary>
public sealed record Parameter(string Id, object Value, ParameterBasis Basis, Text? Label, Text? Note, SourcePosition Position);

/// <summary>A named intermediate value.</summary>
public sealed record DerivedValue(string Id, FeelSource Expression, Text? Label, SourcePosition Position);

/// <summary>A first-level indicator (一级指标).</summary>
public sealed record Category(string Id, Text Name, decimal Points, ImmutableArray<Indicator> Indicators, SourcePosition Position);

/// <summary>
/// A second-level indicator (二级指标). <see cref="RulePoints"/> is the scale its rule is written for;
/// a variant that re-weights it changes <see cref="Points"/> and the result is scaled by Points / RulePoints.
/// </summary>
public sealed record Indicator(
    string Id,
    Text Name,
    IndicatorMethod Method,
    decimal Points,
    decimal RulePoints,
    string? Target,
    Scoring Scoring,
    Text? Note,
    SourcePosition Position);

/// <summary>One-vote veto rule (一票否决).</summary>
public sealed record Veto(string Id, Text Name, FeelSource When, string Source, SourcePosition Position);

/// <summary>A grade band; the first whose condition holds gives the grade.</summary>
public sealed record GradeBand(string Grade, Text Name, FeelSource When, SourcePosition Position);
