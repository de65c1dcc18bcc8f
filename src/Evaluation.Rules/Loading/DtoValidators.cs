using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Results;

namespace Evaluation.Rules.Loading;

/// <summary>Where a validation failure points: its position and the element (indicator id, input id, …).</summary>
internal sealed record FailureState(SourcePosition Position, string? Element);

internal static partial class DtoRules
{
    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    public static partial Regex SnakeId();

    [GeneratedRegex("^[A-Z][A-Za-z0-9-]*$")]
    public static partial Regex IndicatorId();

    public static readonly string[] InputTypes = ["integer", "decimal", "boolean", "text", "enum", "date", "grade"];
    public static readonly string[] Bases = ["legal", "social", "three-year-average"];
    public static readonly string[] Methods = ["quantitative", "semi-quantitative", "qualitative"];
    public static readonly string[] HitPolicies = ["first", "unique", "any", "collect-sum", "collect-max", "collect-min"];
    public static readonly string[] AggregateFns = ["weighted-mean", "mean", "sum", "count", "share"];

    public static IRuleBuilderOptions<T, TP> At<T, TP>(this IRuleBuilderOptions<T, TP> rule, Func<T, string?> element)
        where T : PositionedDto =>
        rule.WithState(x => new FailureState(x.Position, element(x)));

    public static string OneOf(IEnumerable<string> values) => string.Join(" | ", values);

    public static IEnumerable<CatalogueError> ToErrors(this ValidationResult result) =>
        result.Errors.Select(f => f.CustomState is FailureState s
            ? new CatalogueError(s.Position.File, s.Position.Line, s.Position.Column, s.Element, f.ErrorMessage)
            : new CatalogueError("?", 0, 0, null, f.ErrorMessage));
}

internal sealed class TextValidator : AbstractValidator<TextDto>
{
    public TextValidator(string what)
    {
        RuleFor(t => t.Zh).NotEmpty().WithMessage($"{what} needs a Chinese text (zh)").At(_ => null);
    }
}

internal sealed class InputValidator : AbstractValidator<InputDto>
{
    public InputValidator()
    {
        RuleFor(i => i.Id).NotEmpty().Matches(DtoRules.SnakeId())
            .WithMessage(i => $"input id '{i.Id}' must be snake_case (a–z, 0–9, _)").At(i => i.Id);
        RuleFor(i => i.Type).Must(t => DtoRules.InputTypes.Contains(t))
            .WithMessage(i => i.Type is null ? $"type is missing; give one of {DtoRules.OneOf(DtoRules.InputTypes)}" : $"type '{i.Type}' is not one of {DtoRules.OneOf(DtoRules.InputTypes)}").At(i => i.Id);
        RuleFor(i => i.Values).NotEmpty().When(i => i.Type == "enum")
            .WithMessage("an enum input lists its values").At(i => i.Id);
        RuleFor(i => i.Source).NotEmpty().WithMessage("every input names its source").At(i => i.Id);
        RuleFor(i => i.Label).NotNull().WithMessage("every input has a label { zh, en }").At(i => i.Id);
        RuleFor(i => i.Label!).SetValidator(new TextValidator("label")).When(i => i.Label is not null);
        RuleFor(i => i).Must(i => !(i.Required == true && i.Default is not null))
            .WithMessage("a required input cannot also have a default").At(i => i.Id);
        RuleFor(i => i.Aggregate!.Fn).Must(f => DtoRules.AggregateFns.Contains(f))
            .WithMessage(i => $"aggregate fn '{i.Aggregate!.Fn}' is not one of {DtoRules.OneOf(DtoRules.AggregateFns)}")
            .At(i => i.Id).When(i => i.Aggregate is not null);
    }
}

internal sealed class ParameterValidator : AbstractValidator<ParameterDto>
{
    public ParameterValidator()
    {
        RuleFor(p => p.Id).NotEmpty().Matches(DtoRules.SnakeId())
            .WithMessage(p => $"parameter id '{p.Id}' must be snake_case").At(p => p.Id);
        RuleFor(p => p.Value).NotNull().WithMessage("a parameter has a value").At(p => p.Id);
        RuleFor(p => p.Basis).Must(b => DtoRules.Bases.Contains(b))
            .WithMessage(p => p.Basis is null ? $"basis is missing; give one of {DtoRules.OneOf(DtoRules.Bases)}" : $"basis '{p.Basis}' is not one of {DtoRules.OneOf(DtoRules.Bases)}").At(p => p.Id);
    }
}

internal sealed class ScoredValidator<T> : AbstractValidator<T> where T : ScoredDto
{
    public ScoredValidator(Func<T, string?> id)
    {
        RuleFor(s => s).Must(s => FormCount(s) == 1)
            .WithMessage(s => FormCount(s) == 0
                ? "no scoring form: give one of score, table, linear, levels, deduct" + (s is IndicatorDto ? ", parts" : "")
                : "more than one scoring form: give exactly one of score, table, linear, levels, deduct, parts")
            .At(id);
        RuleFor(s => s.Table!.Hit).Must(h => h is null || DtoRules.HitPolicies.Contains(h))
            .WithMessage(s => $"hit policy '{s.Table!.Hit}' is not one of {DtoRules.OneOf(DtoRules.HitPolicies)}")
            .At(id).When(s => s.Table is not null);
        RuleFor(s => s.Table!.Rows).NotEmpty().WithMessage("a table has at least one row").At(id).When(s => s.Table is not null);
        RuleFor(s => s.Table!.Inputs).NotEmpty().WithMessage("a table has at least one input").At(id).When(s => s.Table is not null);
        RuleForEach(s => s.Table!.Rows).Must((s, r) => r.When?.Count == s.Table!.Inputs?.Count && r.Then is not null)
            .WithMessage((s, r) => $"row at line {r.Position.Line} needs `when` with {s.Table!.Inputs?.Count} test(s) and a `then`")
            .At(id).When(s => s.Table is not null && s.Table.Rows is not null);
        RuleFor(s => s.Linear).Must(l => l!.Of is not null && l.Zero is not null && l.Full is not null)
            .WithMessage("linear needs of, zero and full").At(id).When(s => s.Linear is not null);
        RuleFor(s => s.Levels!.Input).NotEmpty().WithMessage("levels needs an input").At(id).When(s => s.Levels is not null);
        RuleForEach(s => s.Deduct).Must(d => d.Count is not null && d.Per > 0)
            .WithMessage("each deduct item needs a count and a positive per").At(id).When(s => s.Deduct is not null);
    }

    private static int FormCount(T s) =>
        (s.Score is null ? 0 : 1) + (s.Table is null ? 0 : 1) + (s.Linear is null ? 0 : 1) +
        (s.Levels is null ? 0 : 1) + (s.Deduct is null ? 0 : 1) + (s is IndicatorDto { Parts: not null } ? 1 : 0);
}

internal sealed class IndicatorValidator : AbstractValidator<IndicatorDto>
{
    public IndicatorValidator()
    {
        RuleFor(i => i.Id).NotEmpty().Matches(DtoRules.IndicatorId())
            .WithMessage(i => $"indicator id '{i.Id}' must start with a capital letter (e.g. L2, S-G1)").At(i => i.Id);
        RuleFor(i => i.Name).NotNull().WithMessage("an indicator has a name { zh, en }").At(i => i.Id);
        RuleFor(i => i.Method).Must(m => DtoRules.Methods.Contains(m))
            .WithMessage(i => i.Method is null ? $"method is missing; give one of {DtoRules.OneOf(DtoRules.Methods)}" : $"method '{i.Method}' is not one of {DtoRules.OneOf(DtoRules.Methods)}").At(i => i.Id);
        RuleFor(i => i.Points).NotNull().GreaterThan(0).WithMessage("an indicator has positive points").At(i => i.Id);
        Include(new ScoredValidator<IndicatorDto>(i => i.Id));
        RuleForEach(i => i.Parts).SetValidator(i => new PartValidator(i.Id)).When(i => i.Parts is not null);
    }
}

internal sealed class PartValidator : AbstractValidator<PartDto>
{
    public PartValidator(string? indicator)
    {
        RuleFor(p => p.Id).NotEmpty().WithMessage("a part has an id").At(_ => indicator);
        RuleFor(p => p.Points).NotNull().GreaterThanOrEqualTo(0).WithMessage(p => $"part '{p.Id}' has points (0 only for a penalty)").At(_ => indicator);
        Include(new ScoredValidator<PartDto>(_ => indicator));
    }
}

internal sealed class CatalogueValidator : AbstractValidator<CatalogueDto>
{
    public CatalogueValidator()
    {
        RuleFor(c => c.Id).NotEmpty().WithMessage("the catalogue has an id").At(_ => null);
        RuleFor(c => c.Version).NotEmpty().WithMessage("the catalogue has a version").At(c => c.Id);
        RuleFor(c => c.Total).NotNull().GreaterThan(0).WithMessage("the catalogue has positive total points").At(c => c.Id);
        RuleFor(c => c.Categories).NotEmpty().WithMessage("the catalogue has at least one category").At(c => c.Id);
        RuleFor(c => c.Grades).NotEmpty().WithMessage("the catalogue has grades").At(c => c.Id);
        RuleForEach(c => c.Inputs).SetValidator(new InputValidator());
        RuleForEach(c => c.Parameters).SetValidator(new ParameterValidator());
        RuleForEach(c => c.Derived).Must(d => d.Id is not null && DtoRules.SnakeId().IsMatch(d.Id) && d.Expr is not null)
            .WithMessage((_, d) => $"derived value '{d.Id}' needs a snake_case id and an expr").WithState((_, d) => new FailureState(d.Position, d.Id));
        RuleForEach(c => c.Categories).ChildRules(cat =>
        {
            cat.RuleFor(x => x.Id).NotEmpty().Matches(DtoRules.SnakeId()).WithMessage(x => $"category id '{x.Id}' must be snake_case").At(x => x.Id);
            cat.RuleFor(x => x.Points).NotNull().GreaterThan(0).WithMessage("a category has positive points").At(x => x.Id);
            cat.RuleFor(x => x.Indicators).NotEmpty().WithMessage("a category has indicators").At(x => x.Id);
            cat.RuleForEach(x => x.Indicators).SetValidator(new IndicatorValidator());
        });
        RuleForEach(c => c.Veto).Must(v => v.Id is not null && v.When is not null && v.Name is not null && v.Source is not null)
            .WithMessage((_, v) => $"veto '{v.Id}' needs id, name, when and source").WithState((_, v) => new FailureState(v.Position, v.Id));
        RuleForEach(c => c.Grades).Must(g => g.Grade is not null && g.When is not null)
            .WithMessage((_, g) => $"grade band '{g.Grade}' needs grade and when").WithState((_, g) => new FailureState(g.Position, g.Grade));
    }
}
