namespace Evaluation.Rules.Loading;

// The YAML shape, one class per mapping, exactly as docs/catalogue-format.md names the keys.
// DTOs are mutable and loose on purpose; the validators and the binder turn them into the model.
#pragma warning disable CA1002, CA2227 // DTOs: List<T> with setters is what the YAML binder fills.

internal abstract class PositionedDto : IPositioned
{
    public SourcePosition Position { get; set; }
}

internal sealed class TextDto : PositionedDto
{
    public string? Zh { get; set; }
    public string? En { get; set; }
}

internal sealed class CatalogueDto : PositionedDto
{
    public string? Id { get; set; }
    public string? Version { get; set; }
    public TextDto? Title { get; set; }
    public decimal? Total { get; set; }
    public Dictionary<string, decimal>? Levels { get; set; }
    public Dictionary<string, TextDto>? Departments { get; set; }
    public string? Tenants { get; set; }
    public List<InputDto>? Inputs { get; set; }
    public List<ParameterDto>? Parameters { get; set; }
    public List<DerivedDto>? Derived { get; set; }
    public List<CategoryDto>? Categories { get; set; }
    public List<VetoDto>? Veto { get; set; }
    public List<GradeDto>? Grades { get; set; }
}

internal sealed class InputDto : PositionedDto
{
    public string? Id { get; set; }
    public string? Type { get; set; }
    public List<string>? Values { get; set; }
    public TextDto? Unit { get; set; }
    public string? Source { get; set; }
    public bool? Required { get; set; }
    public Scalar? Default { get; set; }
    public decimal? Min { get; set; }
    public decimal? Max { get; set; }
    public TextDto? Label { get; set; }
    public TextDto? Help { get; set; }
    public AggregateDto? Aggregate { get; set; }
}

internal sealed class AggregateDto : PositionedDto
{
    public string? Fn { get; set; }
    public Scalar? Of { get; set; }
    public Scalar? Weight { get; set; }
    public Scalar? Where { get; set; }
}

internal sealed class ParameterDto : PositionedDto
{
    public string? Id { get; set; }
    public Scalar? Value { get; set; }
    public string? Basis { get; set; }
    public TextDto? Label { get; set; }
    public TextDto? Note { get; set; }
}

internal sealed class DerivedDto : PositionedDto
{
    public string? Id { get; set; }
    public Scalar? Expr { get; set; }
    public TextDto? Label { get; set; }
}

internal sealed class CategoryDto : PositionedDto
{
    public string? Id { get; set; }
    public TextDto? Name { get; set; }
    public decimal? Points { get; set; }
    public List<IndicatorDto>? Indicators { get; set; }
}

/// <summary>The scoring forms an indicator or a part may carry; exactly one is set.</summary>
internal abstract class ScoredDto : PositionedDto
{
    public Scalar? Score { get; set; }
    public TableDto? Table { get; set; }
    public LinearDto? Linear { get; set; }
    public LevelsDto? Levels { get; set; }
    public List<DeductDto>? Deduct { get; set; }
}

internal sealed class IndicatorDto : ScoredDto
{
    public string? Id { get; set; }
    public TextDto? Name { get; set; }
    public string? Method { get; set; }
    public decimal? Points { get; set; }
    public string? Target { get; set; }
    public TextDto? Note { get; set; }
    public List<PartDto>? Parts { get; set; }

    // Set by a variant that re-weights the indicator; a field, so YAML cannot set it.
#pragma warning disable CA1051
    public decimal? RulePoints;
#pragma warning restore CA1051
}

internal sealed class PartDto : ScoredDto
{
    public string? Id { get; set; }
    public TextDto? Name { get; set; }
    public decimal? Points { get; set; }
    public string? Target { get; set; }
}

internal sealed class TableDto : PositionedDto
{
    public string? Hit { get; set; }
    public List<Scalar>? Inputs { get; set; }
    public List<RowDto>? Rows { get; set; }
}

internal sealed class RowDto : PositionedDto
{
    public List<Scalar>? When { get; set; }
    public Scalar? Then { get; set; }
    public TextDto? Note { get; set; }
}

internal sealed class LinearDto : PositionedDto
{
    public Scalar? Of { get; set; }
    public Scalar? Zero { get; set; }
    public Scalar? Full { get; set; }
}

internal sealed class LevelsDto : PositionedDto
{
    public string? Input { get; set; }
    public Dictionary<string, decimal>? Scale { get; set; }
}

internal sealed class DeductDto : PositionedDto
{
    public Scalar? Count { get; set; }
    public decimal? Per { get; set; }
}

internal sealed class VetoDto : PositionedDto
{
    public string? Id { get; set; }
    public TextDto? Name { get; set; }
    public Scalar? When { get; set; }
    public string? Source { get; set; }
}

internal sealed class GradeDto : PositionedDto
{
    public string? Grade { get; set; }
    public TextDto? Name { get; set; }
    public Scalar? When { get; set; }
}

internal sealed class VariantDto : PositionedDto
{
    public string? Id { get; set; }
    public string? Extends { get; set; }
    public TextDto? Name { get; set; }
    public List<string>? Industries { get; set; }
    public Dictionary<string, Scalar>? Parameters { get; set; }
    public List<InputDto>? Inputs { get; set; }
    public List<DerivedDto>? Derived { get; set; }
    public List<AddDto>? Add { get; set; }
    public List<ReplaceDto>? Replace { get; set; }
    public List<string>? Remove { get; set; }
    public Dictionary<string, decimal>? Points { get; set; }
    public VariantVetoDto? Veto { get; set; }
}

internal sealed class AddDto : PositionedDto
{
    public string? Category { get; set; }
    public IndicatorDto? Indicator { get; set; }
}

internal sealed class ReplaceDto : PositionedDto
{
    public string? Id { get; set; }
    public IndicatorDto? Indicator { get; set; }
}

internal sealed class VariantVetoDto : PositionedDto
{
    public List<VetoDto>? Add { get; set; }
}
#pragma warning restore CA1002, CA2227
