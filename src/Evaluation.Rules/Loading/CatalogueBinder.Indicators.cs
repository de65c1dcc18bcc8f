using System.Collections.Immutable;
using System.Globalization;
using Evaluation.Rules.Feel;
using Evaluation.Rules.Model;

namespace Evaluation.Rules.Loading;

internal sealed partial class CatalogueBinder
{
    private ImmutableArray<Category> BindCategories(ImmutableArray<Parameter> parameters)
    {
        var result = ImmutableArray.CreateBuilder<Category>();
        var indicatorIds = new HashSet<string>(StringComparer.Ordinal);
        var categoryIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in _dto.Categories ?? [])
        {
            if (!categoryIds.Add(c.Id!)) Duplicate(c.Position, c.Id!);
            var indicators = ImmutableArray.CreateBuilder<Indicator>();
            foreach (var i in c.Indicators ?? [])
            {
                if (!indicatorIds.Add(i.Id!)) Duplicate(i.Position, i.Id!);
                if (BindIndicator(i, parameters) is { } indicator) indicators.Add(indicator);
            }
            result.Add(new Category(c.Id!, ToText(c.Name) ?? new Text(c.Id!, c.Id!), c.Points!.Value, indicators.ToImmutable(), c.Position));
        }
        return result.ToImmutable();
    }

    private Indicator? BindIndicator(IndicatorDto i, ImmutableArray<Parameter> parameters)
    {
        if (i.Target is { } target && parameters.All(p => p.Id != target))
            Error(i.Position, i.Id, $"target '{target}' is not a parameter");
        var rulePoints = i.RulePoints ?? i.Points!.Value;
        var scoring = i.Parts is { } parts ? BindParts(i, parts, rulePoints) : BindForm(i, i.Id!, rulePoints);
        if (scoring is null) return null;
        return new Indicator(i.Id!, ToText(i.Name)!, ParseMethod(i.Method!), i.Points!.Value, rulePoints, i.Target, scoring, ToText(i.Note), i.Position);
    }

    private PartsScoring? BindParts(IndicatorDto i, List<PartDto> dtos, decimal rulePoints)
    {
        var parts = ImmutableArray.CreateBuilder<Part>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in dtos)
        {
            if (!ids.Add(p.Id!)) Error(p.Position, i.Id, $"duplicate part id '{p.Id}'");
            if (p.Points > rulePoints) Error(p.Position, i.Id, $"part '{p.Id}' has {Fmt(p.Points.Value)} points, more than the indicator's {Fmt(rulePoints)}");
            if (p.Points == 0 && p.Deduct is null) Error(p.Position, i.Id, $"part '{p.Id}' has 0 points; only a deduct part may (a penalty)");
            if (p.Target is { } target && _scope.Resolve(target) is null)
                Error(p.Position, i.Id, $"part '{p.Id}': target '{target}' is not a parameter");
            var scoring = BindForm(p, i.Id!, p.Points!.Value);
            if (scoring is not null) parts.Add(new Part(p.Id!, ToText(p.Name) ?? new Text(p.Id!, p.Id!), p.Points.Value, p.Target, scoring));
        }
        return parts.Count == dtos.Count ? new PartsScoring(parts.ToImmutable(), i.Position) : null;
    }

    private Scoring? BindForm(ScoredDto s, string indicator, decimal points)
    {
        if (s.Score is { } score)
            return Feel(score, indicator, _scope, FeelType.Number) is { } e ? new ScoreScoring(e, score.Position) : null;
        if (s.Linear is { } l)
            return BindLinear(l, indicator);
        if (s.Levels is { } levels)
            return BindLevels(levels, indicator);
        if (s.Deduct is { } deduct)
            return BindDeduct(deduct, s.Position, indicator);
        return BindTable(s.Table!, indicator, points);
    }

    private LinearScoring? BindLinear(LinearDto l, string indicator)
    {
        var of = Feel(l.Of, indicator, _scope, FeelType.Number);
        var zero = Feel(l.Zero, indicator, _scope, FeelType.Number);
        var full = Feel(l.Full, indicator, _scope, FeelType.Number);
        if (l.Zero?.Text == l.Full?.Text) Error(l.Position, indicator, "linear: zero and full must differ");
        return of is null || zero is null || full is null ? null : new LinearScoring(of, zero, full, l.Position);
    }

    private LevelsScoring? BindLevels(LevelsDto l, string indicator)
    {
        if (!_inputs.TryGetValue(l.Input!, out var input))
        {
            Error(l.Position, indicator, $"levels: unknown input '{l.Input}'");
            return null;
        }
        // The YAML order, not a hash order: explanations must read the same in every process.
        IReadOnlyDictionary<string, decimal> scale = l.Scale ?? _dto.Levels ?? [];
        if (scale.Count == 0) Error(l.Position, indicator, "levels: no scale here and no catalogue-wide `levels`");
        foreach (var (level, fraction) in scale)
            if (fraction is < 0 or > 1) Error(l.Position, indicator, $"levels: fraction of '{level}' must be within [0, 1]");
        if (input.Type is InputType.Enum or InputType.Grade)
        {
            foreach (var value in input.Values.Where(v => !scale.ContainsKey(v)))
                Error(l.Position, indicator, $"levels: value '{value}' of input '{input.Id}' has no fraction in the scale");
        }
        else if (input.Type != InputType.Text)
        {
            Error(l.Position, indicator, $"levels: input '{input.Id}' is {input.Type.ToString().ToLowerInvariant()}, expected enum or text");
        }
        return new LevelsScoring(input.Id, [.. scale], l.Position);
    }

    private DeductScoring? BindDeduct(List<DeductDto> items, SourcePosition at, string indicator)
    {
        var result = ImmutableArray.CreateBuilder<DeductItem>();
        foreach (var item in items)
            if (Feel(item.Count, indicator, _scope, FeelType.Number) is { } count) result.Add(new DeductItem(count, item.Per!.Value));
        return result.Count == items.Count ? new DeductScoring(result.ToImmutable(), at) : null;
    }

    private TableScoring? BindTable(TableDto t, string indicator, decimal points)
    {
        var inputs = ImmutableArray.CreateBuilder<FeelSource>();
        var types = new List<FeelType>();
        foreach (var input in t.Inputs!)
        {
            var ast = Parse(input, indicator);
            if (ast is null) continue;
            types.Add(Check(ast, input, indicator, _scope, null) ?? FeelType.Any);
            inputs.Add(new FeelSource(input.Text, ast, input.Position));
        }
        var rows = ImmutableArray.CreateBuilder<TableRow>();
        foreach (var row in t.Rows!)
            if (BindRow(row, types, indicator, points) is { } r) rows.Add(r);
        if (inputs.Count != t.Inputs!.Count || rows.Count != t.Rows!.Count) return null;
        return new TableScoring(ParseHit(t.Hit), inputs.ToImmutable(), rows.ToImmutable(), t.Position);
    }

    private TableRow? BindRow(RowDto row, List<FeelType> types, string indicator, decimal points)
    {
        var tests = ImmutableArray.CreateBuilder<UnaryTestsSource>();
        for (var c = 0; c < row.When!.Count; c++)
        {
            var cell = row.When[c];
            var parsed = ParseTests(cell, indicator);
            if (parsed is null) continue;
            var diagnostics = new List<FeelDiagnostic>();
            FeelTypeChecker.CheckUnaryTests(parsed, c < types.Count ? types[c] : FeelType.Any, _scope.Resolve, diagnostics);
            Report(diagnostics, cell, indicator);
            tests.Add(new UnaryTestsSource(cell.Text, parsed, cell.Position));
        }
        var then = Feel(row.Then, indicator, _scope, FeelType.Number);
        if (then is not null && decimal.TryParse(then.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && (value < 0 || value > points))
            Error(row.Then!.Position, indicator, $"table output {Fmt(value)} is outside the indicator's points [0, {Fmt(points)}]");
        return then is null || tests.Count != row.When.Count ? null : new TableRow(tests.ToImmutable(), then, ToText(row.Note), row.Position);
    }

    private static HitPolicy ParseHit(string? hit) => hit switch
    {
        "unique" => HitPolicy.Unique,
        "any" => HitPolicy.Any,
        "collect-sum" => HitPolicy.CollectSum,
        "collect-max" => HitPolicy.CollectMax,
        "collect-min" => HitPolicy.CollectMin,
        _ => HitPolicy.First,
    };

    private static IndicatorMethod ParseMethod(string method) => method switch
    {
        "quantitative" => IndicatorMethod.Quantitative,
        "semi-quantitative" => IndicatorMethod.SemiQuantitative,
        _ => IndicatorMethod.Qualitative,
    };

    /// <summary>Parses and type-checks one FEEL text; null (with errors recorded) when it does not.</summary>
    private FeelSource? Feel(Scalar? text, string? element, Scope scope, FeelType? expected)
    {
        if (text is null) return null;
        var ast = Parse(text, element);
        if (ast is null) return null;
        return Check(ast, text, element, scope, expected) is null ? null : new FeelSource(text.Text, ast, text.Position);
    }

    private FeelExpr? Parse(Scalar text, string? element)
    {
        try
        {
            return FeelParser.ParseExpression(text.Text);
        }
        catch (FeelException e)
        {
            Report(e.Diagnostics, text, element);
            return null;
        }
    }

    private UnaryTests? ParseTests(Scalar text, string? element)
    {
        try
        {
            return FeelParser.ParseUnaryTests(text.Text);
        }
        catch (FeelException e)
        {
            Report(e.Diagnostics, text, element);
            return null;
        }
    }

    private FeelType? Check(FeelExpr ast, Scalar text, string? element, Scope scope, FeelType? expected)
    {
        var diagnostics = new List<FeelDiagnostic>();
        var type = FeelTypeChecker.Check(ast, scope.Resolve, diagnostics);
        Report(diagnostics, text, element);
        if (diagnostics.Count > 0) return null;
        if (expected is not null && type.Kind != expected.Kind && type.Kind is not (FeelTypeKind.Any or FeelTypeKind.Null))
        {
            Error(text.Position, element, $"'{text.Text}' gives a {Describe(type)}, expected a {Describe(expected)}");
            return null;
        }
        return type;
    }

    private static string Describe(FeelType type) => type.Kind.ToString().ToLowerInvariant();

    private void Report(IEnumerable<FeelDiagnostic> diagnostics, Scalar text, string? element)
    {
        foreach (var d in diagnostics)
        {
            var line = text.Position.Line + d.Position.Line - 1;
            var column = d.Position.Line == 1 ? text.TextColumn + d.Position.Column - 1 : d.Position.Column;
            _errors.Add(new CatalogueError(text.Position.File, line, column, element, d.Message));
        }
    }
}
