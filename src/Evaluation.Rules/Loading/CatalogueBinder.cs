using System.Collections.Immutable;
using System.Globalization;
using Evaluation.Rules.Feel;
using Evaluation.Rules.Model;

namespace Evaluation.Rules.Loading;

/// <summary>
/// Turns a structurally valid <see cref="CatalogueDto"/> into the immutable model: parses and type-checks
/// every FEEL text, resolves every name, orders derived values, and checks that points add up.
/// All errors are collected; the model is built only when there are none.
/// </summary>
internal sealed partial class CatalogueBinder
{
    private static readonly string[] OwnSources = ["enterprise", "survey", "reviewer", "park", "tenants"];
    private static readonly string[] Reserved = ["total", "vetoed", "grade"];

    private readonly List<CatalogueError> _errors;
    private readonly Scope _scope = new();
    private readonly CatalogueDto _dto;
    private ImmutableDictionary<string, Text> _departments = ImmutableDictionary<string, Text>.Empty;
    private ImmutableDictionary<string, decimal> _levels = ImmutableDictionary<string, decimal>.Empty;
    private readonly Dictionary<string, InputDefinition> _inputs = new(StringComparer.Ordinal);

    private CatalogueBinder(CatalogueDto dto, List<CatalogueError> errors)
    {
        _dto = dto;
        _errors = errors;
    }

    public static Catalogue? Bind(CatalogueDto dto, VariantInfo? variant, string contentHash, List<CatalogueError> errors, Scope? tenantScope = null)
    {
        var before = errors.Count;
        errors.AddRange(new CatalogueValidator().Validate(dto).ToErrors());
        if (errors.Count > before) return null;
        return new CatalogueBinder(dto, errors).Bind(variant, contentHash, before, tenantScope);
    }

    private Catalogue? Bind(VariantInfo? variant, string contentHash, int before, Scope? tenantScope)
    {
        _departments = (_dto.Departments ?? []).ToImmutableDictionary(kv => kv.Key, kv => ToText(kv.Value)!);
        _levels = (_dto.Levels ?? []).ToImmutableDictionary();
        var parameters = BindParameters();
        var inputs = BindInputs(tenantScope);
        var derived = BindDerived();
        var categories = BindCategories(parameters);
        CheckTotals();
        CheckNamesAgainstCategories(categories);
        var vetoes = BindVetoes();
        var grades = BindGrades(categories);
        if (_errors.Count > before) return null;
        return new Catalogue(
            _dto.Id!, _dto.Version!, ToText(_dto.Title) ?? new Text(_dto.Id!, _dto.Id!), _dto.Total!.Value,
            _levels, _departments, inputs, parameters, derived, categories, vetoes, grades,
            variant, _dto.Tenants, contentHash);
    }

    private ImmutableArray<Parameter> BindParameters()
    {
        var result = ImmutableArray.CreateBuilder<Parameter>();
        foreach (var p in _dto.Parameters ?? [])
        {
            var value = ParameterValue(p.Value!);
            if (!_scope.TryAdd(p.Id!, Scope.TypeOf(value))) { Duplicate(p.Position, p.Id!); continue; }
            result.Add(new Parameter(p.Id!, value, ParseBasis(p.Basis!), ToText(p.Label), ToText(p.Note), p.Position));
        }
        return result.ToImmutable();
    }

    internal static object ParameterValue(Scalar s) =>
        !s.Quoted && decimal.TryParse(s.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
        : !s.Quoted && s.Text is "true" or "false" ? s.Text == "true"
        : s.Text;

    private ImmutableArray<InputDefinition> BindInputs(Scope? tenantScope)
    {
        var result = ImmutableArray.CreateBuilder<InputDefinition>();
        foreach (var i in _dto.Inputs ?? [])
        {
            var input = BindInput(i, tenantScope);
            if (input is null) continue;
            if (!_scope.TryAdd(input.Id, Scope.TypeOf(input.Type))) { Duplicate(i.Position, input.Id); continue; }
            _inputs[input.Id] = input;
            result.Add(input);
        }
        return result.ToImmutable();
    }

    private InputDefinition? BindInput(InputDto i, Scope? tenantScope)
    {
        var type = Enum.Parse<InputType>(i.Type!, ignoreCase: true);
        var values = type switch
        {
            InputType.Enum => i.Values!.ToImmutableArray(),
            InputType.Grade => (i.Values ?? [.. Values.Grades]).ToImmutableArray(),
            _ => [],
        };
        CheckSource(i.Source!, i.Position, i.Id);
        object? @default = null;
        if (i.Default is { } d)
        {
            @default = Values.Parse(type, values, d.Text, out var error);
            if (error is not null) Error(d.Position, i.Id, $"default {error}");
        }
        var aggregate = i.Aggregate is null ? null : BindAggregate(i, tenantScope);
        return new InputDefinition(i.Id!, type, values, ToText(i.Unit), i.Source!, i.Required == true, @default,
            i.Min, i.Max, ToText(i.Label)!, ToText(i.Help), aggregate, i.Position);
    }

    private Aggregate? BindAggregate(InputDto i, Scope? tenantScope)
    {
        var a = i.Aggregate!;
        var fn = a.Fn switch
        {
            "weighted-mean" => AggregateFunction.WeightedMean,
            "mean" => AggregateFunction.Mean,
            "sum" => AggregateFunction.Sum,
            "count" => AggregateFunction.Count,
            _ => AggregateFunction.Share,
        };
        if (tenantScope is null)
        {
            Error(a.Position, i.Id, "an aggregate input needs `tenants: <catalogue>@<version>` at the top of the file");
            return null;
        }
        var needsOf = fn is AggregateFunction.WeightedMean or AggregateFunction.Mean or AggregateFunction.Sum;
        if (needsOf && a.Of is null) Error(a.Position, i.Id, $"aggregate {a.Fn} needs `of`");
        if (fn == AggregateFunction.WeightedMean && a.Weight is null) Error(a.Position, i.Id, "weighted-mean needs `weight`");
        if (fn == AggregateFunction.Share && a.Where is null) Error(a.Position, i.Id, "share needs `where`");
        return new Aggregate(fn,
            Feel(a.Of, i.Id, tenantScope, FeelType.Number),
            Feel(a.Weight, i.Id, tenantScope, FeelType.Number),
            Feel(a.Where, i.Id, tenantScope, FeelType.Boolean));
    }

    private ImmutableArray<DerivedValue> BindDerived()
    {
        var dtos = _dto.Derived ?? [];
        var byId = new Dictionary<string, DerivedDto>(StringComparer.Ordinal);
        var parsed = new Dictionary<string, FeelExpr>(StringComparer.Ordinal);
        foreach (var d in dtos)
        {
            if (_scope.Resolve(d.Id!) is not null || !byId.TryAdd(d.Id!, d)) { Duplicate(d.Position, d.Id!); continue; }
            if (Parse(d.Expr!, d.Id) is { } ast) parsed[d.Id!] = ast;
        }
        var order = TopologicalOrder(byId, parsed);
        // Values in a cycle or that did not parse stay nameable (as Any), so their readers report nothing twice.
        foreach (var id in byId.Keys) _scope.Set(id, FeelType.Any);
        var result = ImmutableArray.CreateBuilder<DerivedValue>();
        foreach (var id in order)
        {
            var d = byId[id];
            var type = Check(parsed[id], d.Expr!, id, _scope, expected: null);
            _scope.Set(id, type ?? FeelType.Any);
            result.Add(new DerivedValue(id, new FeelSource(d.Expr!.Text, parsed[id], d.Expr.Position), ToText(d.Label), d.Position));
        }
        return result.ToImmutable();
    }

    private List<string> TopologicalOrder(Dictionary<string, DerivedDto> byId, Dictionary<string, FeelExpr> parsed)
    {
        var order = new List<string>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done
        foreach (var id in byId.Keys) Visit(id, []);
        return order;

        void Visit(string id, List<string> path)
        {
            if (state.GetValueOrDefault(id) == 2 || !parsed.ContainsKey(id)) return;
            if (state.GetValueOrDefault(id) == 1)
            {
                var cycle = path.SkipWhile(p => p != id).Append(id);
                Error(byId[id].Position, id, $"derived values form a cycle: {string.Join(" → ", cycle)}");
                state[id] = 2;
                return;
            }
            state[id] = 1;
            path.Add(id);
            foreach (var name in FeelAnalysis.FreeNames(parsed[id]).Where(byId.ContainsKey).Order(StringComparer.Ordinal))
                Visit(name, path);
            path.RemoveAt(path.Count - 1);
            if (state[id] == 1) order.Add(id);
            state[id] = 2;
        }
    }

    private void CheckNamesAgainstCategories(ImmutableArray<Category> categories)
    {
        foreach (var c in categories)
            if (_scope.Resolve(c.Id) is not null) Duplicate(c.Position, c.Id);
        foreach (var name in Reserved)
            if (_scope.Resolve(name) is not null) Error(_dto.Position, name, $"'{name}' is reserved and cannot be an input, parameter or derived id");
    }

    private ImmutableArray<Veto> BindVetoes()
    {
        var result = ImmutableArray.CreateBuilder<Veto>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in _dto.Veto ?? [])
        {
            if (!ids.Add(v.Id!)) Duplicate(v.Position, v.Id!);
            CheckSource(v.Source!, v.Position, v.Id);
            var when = Feel(v.When, v.Id, _scope, FeelType.Boolean);
            if (when is not null) result.Add(new Veto(v.Id!, ToText(v.Name)!, when, v.Source!, v.Position));
        }
        return result.ToImmutable();
    }

    private ImmutableArray<GradeBand> BindGrades(ImmutableArray<Category> categories)
    {
        var scope = _scope.With([("total", FeelType.Number), ("vetoed", FeelType.Boolean),
            .. categories.Select(c => (c.Id, FeelType.Number))]);
        var result = ImmutableArray.CreateBuilder<GradeBand>();
        foreach (var g in _dto.Grades ?? [])
        {
            var when = Feel(g.When, g.Grade, scope, FeelType.Boolean);
            if (when is not null)
                result.Add(new GradeBand(g.Grade!, ToText(g.Name) ?? new Text(g.Grade!, g.Grade!), when, g.Position));
        }
        return result.ToImmutable();
    }

    // From the DTOs, so an indicator that failed to bind does not also unbalance its category.
    private void CheckTotals()
    {
        var categories = _dto.Categories ?? [];
        foreach (var c in categories)
        {
            var sum = (c.Indicators ?? []).Sum(i => i.Points ?? 0);
            if (sum != c.Points)
                Error(c.Position, c.Id, $"indicator points add up to {Fmt(sum)}, but the category has {Fmt(c.Points ?? 0)} (difference {Fmt(sum - (c.Points ?? 0))})");
        }
        var total = categories.Sum(c => c.Points ?? 0);
        if (categories.Count > 0 && total != _dto.Total)
            Error(_dto.Position, _dto.Id, $"category points add up to {Fmt(total)}, but total is {Fmt(_dto.Total ?? 0)}");
    }

    private void CheckSource(string source, SourcePosition at, string? element)
    {
        if (!OwnSources.Contains(source) && !_departments.ContainsKey(source))
            Error(at, element, $"source '{source}' is neither one of {string.Join(", ", OwnSources)} nor a department listed under `departments`");
    }

    private static ParameterBasis ParseBasis(string basis) => basis switch
    {
        "legal" => ParameterBasis.Legal,
        "social" => ParameterBasis.Social,
        _ => ParameterBasis.ThreeYearAverage,
    };

    internal static Text? ToText(TextDto? t) => t is null ? null : new Text(t.Zh ?? t.En ?? "", t.En ?? t.Zh ?? "");

    internal static string Fmt(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);

    private void Duplicate(SourcePosition at, string id) => Error(at, id, $"duplicate id '{id}'");

    private void Error(SourcePosition at, string? element, string message) =>
        _errors.Add(new CatalogueError(at.File, at.Line, at.Column, element, message));
}
