using System.Collections.Immutable;
using System.Linq.Expressions;
using System.Reflection;
using Evaluation.Rules.Feel;
using Evaluation.Rules.Model;
using static System.Linq.Expressions.Expression;

namespace Evaluation.Engine;

/// <summary>
/// Builds a catalogue's plan as a sequence of stage trees (ADR 0004, 0014): one per indicator — the inputs and derived
/// values it reads loaded into typed locals, then its points, written into an <see cref="EvaluationRecord"/> — one per
/// veto, one that sums the categories and the total, and one for the grade. Not a delegate per node: the JIT sees
/// straight-line code over typed locals; not one method per plan either: a method of hundreds of locals is past what
/// the JIT inlines into, compiles superlinearly slower, and could not be shared between a variant and its base.
/// </summary>
internal sealed class PlanBuilder
{
    private static readonly MethodInfo LinearMethod = typeof(Runtime).GetMethod(nameof(Runtime.Linear))!;
    private static readonly MethodInfo LevelMethod = typeof(Runtime).GetMethod(nameof(Runtime.Level))!;
    private static readonly MethodInfo PartMethod = typeof(Runtime).GetMethod(nameof(Runtime.Part))!;
    private static readonly MethodInfo FinishMethod = typeof(Runtime).GetMethod(nameof(Runtime.Finish))!;
    private static readonly MethodInfo AsNumberMethod = typeof(Runtime).GetMethod(nameof(Runtime.AsNumber))!;
    private static readonly MethodInfo AsBooleanMethod = typeof(Runtime).GetMethod(nameof(Runtime.AsBoolean))!;
    private static readonly MethodInfo FinishPresentMethod = typeof(Runtime).GetMethod(nameof(Runtime.FinishPresent))!;
    private static readonly MethodInfo IntervalFirstMethod = typeof(IntervalTable).GetMethod(nameof(IntervalTable.First))!;
    private static readonly MethodInfo LinearPresentMethod = typeof(Runtime).GetMethod(nameof(Runtime.LinearPresent))!;
    private static readonly MethodInfo MinMethod = typeof(Math).GetMethod(nameof(Math.Min), [typeof(decimal), typeof(decimal)])!;
    private static readonly MethodInfo ClampPartMethod = typeof(Runtime).GetMethod(nameof(Runtime.ClampPart))!;
    private static readonly MethodInfo AnyTrueMethod = typeof(Runtime).GetMethod(nameof(Runtime.AnyTrue))!;
    private static readonly MethodInfo SumMethod = typeof(Runtime).GetMethod(nameof(Runtime.Sum))!;
    private static readonly ConstantExpression NullNumber = Constant(null, typeof(decimal?));

    private readonly Catalogue _catalogue;
    private readonly PlanMetadata _meta;
    private readonly bool _explain;
    private readonly bool _present;

    // ---- per stage (one lambda per indicator, one per veto, one for the categories' total, one for the grade) ----
    private readonly HashSet<string> _presentNames = new(StringComparer.Ordinal);
    private readonly ParameterExpression _facts = Parameter(typeof(FactSet), "facts");
    private readonly ParameterExpression _record = Parameter(typeof(EvaluationRecord), "record");
    // Where the stage's indicator, its first table and part, or its veto sit in the record: parameters, so that a
    // stage shared by catalogues whose indicators sit at other positions (a variant that adds indicators earlier)
    // is one compiled delegate.
    private readonly ParameterExpression _indicator = Parameter(typeof(int), "indicator");
    private readonly ParameterExpression _tableBase = Parameter(typeof(int), "tables");
    private readonly ParameterExpression _partBase = Parameter(typeof(int), "parts");
    private readonly ParameterExpression _index = Parameter(typeof(int), "veto");
    private readonly List<ParameterExpression> _locals = [];
    private readonly List<Expression> _prologue = [];
    private readonly List<Expression> _body = [];
    private readonly Dictionary<string, Expression> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ParameterExpression> _arrays = new(StringComparer.Ordinal);
    private readonly Dictionary<SlotKind, ParameterExpression> _factArrays = [];
    private int _tableCounter;
    private int _partCounter;

    private readonly StageCompiler _compiler;

    private PlanBuilder(Catalogue catalogue, PlanMetadata meta, StageCompiler compiler, bool explain, bool present)
    {
        _compiler = compiler;
        _catalogue = catalogue;
        _meta = meta;
        _explain = explain;
        _present = present;
    }

    /// <summary>
    /// Builds a plan delegate. With <paramref name="present"/> (the default, ADR 0009) an indicator's rule runs on
    /// plain <c>decimal</c>/<c>bool</c> once its missing-data test has proved its reads present, and the delegate
    /// throws <see cref="OverflowException"/> on decimal overflow; without it every value stays nullable and
    /// overflow is a FEEL null (the plan <see cref="ScoringPlan"/> falls back to when the first one throws).
    /// The plan is a sequence of stages (ADR 0014): one compiled lambda per indicator and per veto, then one for the
    /// categories and total and one for the grade; identical stages of plans sharing <paramref name="compiler"/> are
    /// compiled once.
    /// </summary>
    public static Action<FactSet, EvaluationRecord> Build(Catalogue catalogue, PlanMetadata meta, StageCompiler compiler, bool explain,
        bool present = true) =>
        new PlanBuilder(catalogue, meta, compiler, explain, present).Build();

    private Action<FactSet, EvaluationRecord> Build()
    {
        var stages = new List<(Expression<StagePlan.Stage> Tree, int Indicator, int Tables, int Parts, int Index)>();
        var computed = new HashSet<string>(StringComparer.Ordinal);
        // One stage per indicator: a variant changes a few indicators' points or parameters and shares the rest.
        for (var i = 0; i < _meta.Indicators.Length; i++)
        {
            var m = _meta.Indicators[i];
            BeginStage();
            ScoreIndicator(m);
            computed.UnionWith(_names.Keys.Where(_meta.DerivedIndex.ContainsKey));
            stages.Add((Tree(), i, m.TableStart, m.PartStart, 0));
        }
        // One per veto: variants add vetoes after the base catalogue's.
        for (var v = 0; v < _catalogue.Vetoes.Length; v++)
        {
            BeginStage();
            _body.Add(Assign(ArrayAccess(Record(nameof(EvaluationRecord.Vetoes)), _index),
                Boolean(PresentWhenAll(_catalogue.Vetoes[v].When.Ast))));
            computed.UnionWith(_names.Keys.Where(_meta.DerivedIndex.ContainsKey));
            stages.Add((Tree(), 0, 0, 0, v));
        }
        BeginStage();
        // Derived values nothing reads are computed only for the explanation (or for a grade reading them).
        if (_explain)
            foreach (var d in _catalogue.Derived)
                if (!computed.Contains(d.Id)) Name(d.Id);
        SumCategories();
        stages.Add((Tree(), 0, 0, 0, 0));
        // The grade on its own: it reads categories, total and vetoes from the record, so every variant that keeps the
        // categories and grade bands shares it.
        BeginStage();
        LoadCategories();
        Vetoed();
        ChooseGrade();
        stages.Add((Tree(), 0, 0, 0, 0));
        // Compiled together: each distinct tree once, on every core.
        var compiled = _compiler.Compile(stages.Select(s => s.Tree).ToList());
        return new StagePlan([.. stages.Select((s, i) => new StagePlan.Step(compiled[i], s.Indicator, s.Tables, s.Parts, s.Index))]).Run;
    }

    private Expression<StagePlan.Stage> Tree() =>
        Lambda<StagePlan.Stage>(Block(_locals.ToList(), _prologue.Concat(_body).ToList()), _facts, _record, _indicator, _tableBase, _partBase, _index);

    private void BeginStage()
    {
        _locals.Clear();
        _prologue.Clear();
        _body.Clear();
        _names.Clear();
        _arrays.Clear();
        _factArrays.Clear();
        _presentNames.Clear();
        _tableCounter = 0;
        _partCounter = 0;
        BindParameters();
    }

    // A record array is read once per stage into a local, not through the record on every store.
    private ParameterExpression Record(string name)
    {
        if (_arrays.TryGetValue(name, out var local)) return local;
        var property = Property(_record, name);
        local = Local(property.Type, "rec_" + name);
        _prologue.Add(Assign(local, property));
        return _arrays[name] = local;
    }

    // Inputs and derived values are loaded into locals in the stage's prologue when first named: a stage reads only
    // what its indicators read. A derived value is computed in every stage that reads it (scoring is pure).
    private Expression Name(string name)
    {
        if (_names.TryGetValue(name, out var e)) return e;
        if (_meta.Layout.Index.TryGetValue(name, out var input)) return _names[name] = LoadInput(input);
        if (_meta.DerivedIndex.TryGetValue(name, out var derived)) return _names[name] = ComputeDerived(derived);
        throw new InvalidOperationException($"name '{name}' is not bound in the plan");
    }

    private ParameterExpression LoadInput(int i)
    {
        var layout = _meta.Layout;
        var kind = FactLayout.KindOf(layout.Inputs[i].Type);
        if (!_factArrays.TryGetValue(kind, out var array))
        {
            var (name, type) = kind switch
            {
                SlotKind.Number => (nameof(FactSet.Numbers), typeof(decimal?[])),
                SlotKind.Boolean => (nameof(FactSet.Booleans), typeof(bool?[])),
                SlotKind.Text => (nameof(FactSet.Texts), typeof(string?[])),
                _ => (nameof(FactSet.Dates), typeof(DateOnly?[])),
            };
            array = Local(type, name);
            _prologue.Add(Assign(array, Property(_facts, name)));
            _factArrays[kind] = array;
        }
        var local = Local(array.Type.GetElementType()!, "in_" + layout.Inputs[i].Id);
        _prologue.Add(Assign(local, ArrayIndex(array, Constant(layout.Slots[i]))));
        return local;
    }

    private void BindParameters()
    {
        foreach (var p in _catalogue.Parameters)
        {
            _names[p.Id] = p.Value switch
            {
                decimal d => Constant(d, typeof(decimal?)),
                bool b => Constant(b, typeof(bool?)),
                DateOnly date => Constant(date, typeof(DateOnly?)),
                _ => Constant(p.Value, typeof(string)),
            };
        }
    }

    // Emitted with no name bound as present (a derived value has no missing-data test of its own), whatever is
    // being emitted when it is first named; its operands are loaded (or computed) before it.
    private ParameterExpression ComputeDerived(int i)
    {
        var d = _catalogue.Derived[i];
        var outer = _presentNames.ToList();
        _presentNames.Clear();
        foreach (var name in FeelAnalysis.FreeNames(d.Expression.Ast)) Name(name);
        var value = PresentWhenAll(d.Expression.Ast);
        _presentNames.UnionWith(outer);
        var local = Local(value.Type, "d_" + d.Id);
        _prologue.Add(Assign(local, value));
        if (_explain) _prologue.Add(Assign(ArrayAccess(Record(nameof(EvaluationRecord.Derived)), Constant(i)), Convert(local, typeof(object))));
        return local;
    }

    private void ScoreIndicator(IndicatorMeta meta)
    {
        var indicator = meta.Indicator;
        var reads = meta.Reads;
        var missing = Local(typeof(bool), "missing");
        if (_present && !_explain) _body.Add(Assign(missing, PresentMissingTest(reads)));
        else
        {
            foreach (var name in reads) Name(name);
            _body.Add(Assign(missing, MissingTest(reads)));
        }
        var p = Local(typeof(decimal), "p");
        if (_present) ScorePresent(indicator, reads, missing, p);
        else
        {
            var raw = Local(typeof(decimal?), "raw");
            _body.Add(Assign(raw, Condition(missing, NullNumber, Score(indicator.Scoring, indicator.RulePoints))));
            if (_explain) _body.Add(Assign(ArrayAccess(Record(nameof(EvaluationRecord.Raw)), _indicator), raw));
            _body.Add(Assign(p, Call(FinishMethod, raw, missing, Constant(indicator.RulePoints), Constant(indicator.Points),
                Record(nameof(EvaluationRecord.Status)), _indicator)));
        }
        _body.Add(Assign(ArrayAccess(Record(nameof(EvaluationRecord.Points)), _indicator), p));
    }

    // if (missing) { status = Missing; p = 0 } else { the rule over present reads; p = Finish(raw) }
    private void ScorePresent(Indicator indicator, ImmutableArray<string> reads, ParameterExpression missing, ParameterExpression p)
    {
        _presentNames.Clear();
        _presentNames.UnionWith(reads);
        var rule = Score(indicator.Scoring, indicator.RulePoints);
        _presentNames.Clear();
        var raw = Local(rule.Type, "raw_" + indicator.Id);
        var status = ArrayAccess(Record(nameof(EvaluationRecord.Status)), _indicator);
        var whenMissing = new List<Expression> { Assign(status, Constant((byte)IndicatorStatus.Missing)), Assign(p, Constant(0m)) };
        var whenPresent = new List<Expression> { Assign(raw, rule) };
        if (_explain) whenPresent.Add(Assign(ArrayAccess(Record(nameof(EvaluationRecord.Raw)), _indicator), Convert(raw, typeof(decimal?))));
        whenPresent.Add(Assign(p, raw.Type == typeof(decimal) && InRangeAlways(indicator)
            ? Block(Assign(status, Constant((byte)IndicatorStatus.Scored)), raw)
            : raw.Type == typeof(decimal)
            ? Call(FinishPresentMethod, raw, Constant(indicator.RulePoints), Constant(indicator.Points), Record(nameof(EvaluationRecord.Status)), _indicator)
            : Call(FinishMethod, Number(raw), Constant(false), Constant(indicator.RulePoints), Constant(indicator.Points),
                Record(nameof(EvaluationRecord.Status)), _indicator)));
        _body.Add(IfThenElse(missing, Block(whenMissing), Block(whenPresent)));
    }

    // The missing-data test of the present plan without explanation: the inputs first; only when they are all
    // present is each derived value computed, on present operands (its all-nullable form is never needed: with an
    // input missing the indicator is missing whatever the value), and tested in turn. Reads are ordered inputs
    // first, then derived values in catalogue (dependency) order.
    private Expression PresentMissingTest(ImmutableArray<string> reads)
    {
        Expression test = Constant(false);
        foreach (var name in reads)
        {
            if (!_meta.DerivedIndex.TryGetValue(name, out var d))
            {
                var input = Name(name);
                _presentNames.Add(name);
                if (!input.Type.IsValueType || Nullable.GetUnderlyingType(input.Type) is not null)
                    test = OrElse(test, FeelCompiler.IsNull(input));
                continue;
            }
            var value = Feel(_catalogue.Derived[d].Expression.Ast);
            var local = Local(value.Type, "d_" + name);
            _names[name] = local;
            _presentNames.Add(name);
            test = !value.Type.IsValueType || Nullable.GetUnderlyingType(value.Type) is not null
                ? OrElse(test, FeelCompiler.IsNull(Assign(local, value)))
                : OrElse(test, Block(Assign(local, value), Constant(false)));
        }
        _presentNames.Clear();
        return test;
    }

    private Expression MissingTest(ImmutableArray<string> reads)
    {
        Expression test = Constant(false);
        foreach (var name in reads)
        {
            var local = Name(name);
            if (local.Type.IsValueType && Nullable.GetUnderlyingType(local.Type) is null) continue;
            test = OrElse(test, FeelCompiler.IsNull(local));
        }
        return test;
    }

    private Expression Score(Scoring scoring, decimal points) => scoring switch
    {
        ScoreScoring s => Present(Feel(s.Expression.Ast)),
        LinearScoring l => Linear(l, points),
        LevelsScoring l => Call(LevelMethod, Name(l.Input),
            Constant(l.Scale.Select(kv => kv.Key).ToArray()), Constant(l.Scale.Select(kv => kv.Value).ToArray()), Constant(points)),
        DeductScoring d => Deduct(d, points),
        PartsScoring p => Parts(p),
        TableScoring t => Table(t),
        _ => throw new InvalidOperationException($"unknown scoring form {scoring.GetType().Name}"),
    };

    // With present operands and constant bounds (the usual case) lin() is one call on decimals with the span
    // (full − zero) folded; otherwise the nullable helper.
    private Expression Linear(LinearScoring l, decimal points)
    {
        var (of, zero, full) = (Present(Feel(l.Of.Ast)), Present(Feel(l.Zero.Ast)), Present(Feel(l.Full.Ast)));
        if (of.Type == typeof(decimal) && zero is ConstantExpression { Value: decimal a } && full is ConstantExpression { Value: decimal b } && a != b)
        {
            decimal? span = null;
            try { span = b - a; } catch (OverflowException) { }
            if (span is { } s) return Call(LinearPresentMethod, of, Constant(a), Constant(s), Constant(points));
        }
        return Call(LinearMethod, Number(of), Number(zero), Number(full), Constant(points));
    }

    private Expression Deduct(DeductScoring d, decimal points)
    {
        if (_present)
        {
            var counts = d.Items.Select(item => Present(Feel(item.Count.Ast))).ToList();
            if (counts.All(c => c.Type == typeof(decimal)))
                return d.Items.Select((item, i) => (item, count: counts[i])).Aggregate((Expression)Constant(points),
                    (acc, x) => Subtract(acc, Multiply(Constant(x.item.Per), x.count)));
        }
        // FEEL arithmetic: an overflow is null (the indicator scores as missing), never an exception.
        return d.Items.Aggregate((Expression)Constant(points, typeof(decimal?)),
            (acc, item) => FeelCompiler.Subtract(acc, FeelCompiler.Multiply(Constant(item.Per, typeof(decimal?)), Number(Feel(item.Count.Ast)))));
    }

    private Expression Parts(PartsScoring parts)
    {
        Expression? sum = null;
        var statements = new List<Expression>();
        var locals = new List<ParameterExpression>();
        var scored = parts.Parts.Select(part => (part, index: _partCounter++, raw: Score(part.Scoring, part.Points))).ToList();
        var present = _present && scored.All(x => x.raw.Type == typeof(decimal));
        foreach (var (part, index, raw) in scored)
        {
            var value = Variable(present ? typeof(decimal) : typeof(decimal?), "part_" + part.Id);
            locals.Add(value);
            statements.Add(Assign(value, present
                ? part.IsPenalty ? Call(MinMethod, raw, Constant(0m)) : Call(ClampPartMethod, raw, Constant(part.Points))
                : Call(PartMethod, Number(raw), Constant(part.Points), Constant(part.IsPenalty))));
            if (_explain) statements.Add(Assign(ArrayAccess(Record(nameof(EvaluationRecord.PartRaw)), Add(_partBase, Constant(index))), Convert(value, typeof(decimal?))));
            sum = sum is null ? value : Add(sum, value);
        }
        statements.Add(sum ?? (present ? Constant(0m) : Constant(0m, typeof(decimal?))));
        return Block(present ? typeof(decimal) : typeof(decimal?), locals, statements);
    }

    private Expression Table(TableScoring table)
    {
        var index = _tableCounter++;
        var locals = new List<ParameterExpression>();
        var statements = new List<Expression>();
        var columns = new List<ParameterExpression>();
        foreach (var input in table.Inputs)
        {
            var value = Feel(input.Ast);
            var column = Variable(value.Type, "col");
            locals.Add(column);
            columns.Add(column);
            statements.Add(Assign(column, value));
        }
        var rows = Record(nameof(EvaluationRecord.Rows));
        // One present number, intervals and constant results: the table is data for one helper call.
        if (_present && table.Hit == HitPolicy.First && columns is [{ } only] && only.Type == typeof(decimal) && IntervalRows(table) is { } intervals)
        {
            var first = Call(IntervalFirstMethod, only, Constant(new IntervalTable(intervals)), rows, Add(_tableBase, Constant(index)));
            statements.Add(first);
            return Block(typeof(decimal), locals, statements);
        }
        var matches = table.Rows.Select(row => row.When
            .Select((cell, c) => _present
                ? FeelCompiler.CompileUnaryTestsPresent(cell.Tests, columns[c], Bind)
                : FeelCompiler.CompileUnaryTests(cell.Tests, columns[c], Bind))
            .Aggregate(AndAlso)).ToList();
        var thens = table.Rows.Select(row => Present(Feel(row.Then.Ast))).ToList();
        // First hit with present results gives a decimal (no row matched is 0); collect policies stay nullable.
        if (table.Hit != HitPolicy.First || thens.Any(t => t.Type != typeof(decimal))) thens = [.. thens.Select(Number)];
        var result = table.Hit == HitPolicy.First
            ? FirstHit(matches, thens, ArrayAccess(rows, Add(_tableBase, Constant(index))))
            : CollectHits(table.Hit, matches, thens, ArrayAccess(rows, Add(_tableBase, Constant(index))));
        statements.Add(result);
        return Block(result.Type, locals, statements);
    }

    // Each row's cell as an interval with constant bounds and each result a constant number, or null.
    private List<IntervalTable.Row>? IntervalRows(TableScoring table)
    {
        var result = new List<IntervalTable.Row>();
        foreach (var row in table.Rows)
        {
            if (Present(Feel(row.Then.Ast)) is not ConstantExpression { Value: decimal then }) return null;
            var cell = row.When[0].Tests;
            if (cell.MatchesAnything) { result.Add(new(null, false, null, false, then)); continue; }
            if (cell.Negated || cell.Tests.Count != 1) return null;
            decimal? Bound(FeelExpr e) => Feel(e) is ConstantExpression { Value: decimal d } c && c.Type == typeof(decimal) ? d : null;
            IntervalTable.Row? interval = cell.Tests[0] switch
            {
                ComparisonTest { Operator: var op, Operand: var operand } when Bound(operand) is { } b => op switch
                {
                    FeelBinaryOperator.GreaterOrEqual => new(b, false, null, false, then),
                    FeelBinaryOperator.Greater => new(b, true, null, false, then),
                    FeelBinaryOperator.LessOrEqual => new(null, false, b, false, then),
                    FeelBinaryOperator.Less => new(null, false, b, true, then),
                    FeelBinaryOperator.Equal => new(b, false, b, false, then),
                    _ => null,
                },
                ValueTest { Value: RangeExpr range } when Bound(range.Start) is { } lo && Bound(range.End) is { } hi =>
                    new(lo, !range.StartIncluded, hi, !range.EndIncluded, then),
                ValueTest { Value: var value } when value is not (RangeExpr or ListExpr) && Bound(value) is { } v => new(v, false, v, false, then),
                _ => null,
            };
            if (interval is not { } r) return null;
            result.Add(r);
        }
        return result;
    }

    private static Expression FirstHit(List<Expression> matches, List<Expression> thens, IndexExpression mask)
    {
        var type = thens.Count > 0 ? thens[0].Type : typeof(decimal?);
        Expression result = Block(Assign(mask, Constant(0L)), Constant(0m, type));
        for (var r = matches.Count - 1; r >= 0; r--)
            result = Condition(matches[r], Block(Assign(mask, Constant(RowBit(r))), thens[r]), result);
        return result;
    }

    private static Expression CollectHits(HitPolicy hit, List<Expression> matches, List<Expression> thens, IndexExpression mask)
    {
        var result = Variable(typeof(decimal?), "result");
        var count = Variable(typeof(int), "count");
        var bits = Variable(typeof(long), "bits");
        var conflict = Variable(typeof(bool), "conflict");
        var then = Variable(typeof(decimal?), "then");
        var statements = new List<Expression> { Assign(result, NullNumber), Assign(count, Constant(0)), Assign(bits, Constant(0L)), Assign(conflict, Constant(false)) };
        for (var r = 0; r < matches.Count; r++)
        {
            Expression accumulate = hit switch
            {
                HitPolicy.CollectSum => Assign(result, Add(Coalesce(result, Constant(0m, typeof(decimal?))), then)),
                HitPolicy.CollectMax => Assign(result, Condition(OrElse(FeelCompiler.IsNull(result), GreaterThan(then, result)), then, result)),
                HitPolicy.CollectMin => Assign(result, Condition(OrElse(FeelCompiler.IsNull(result), LessThan(then, result)), then, result)),
                _ => IfThenElse(Equal(count, Constant(0)), Assign(result, then),
                    IfThen(hit == HitPolicy.Unique ? Constant(true) : NotEqual(result, then), Assign(conflict, Constant(true)))),
            };
            statements.Add(IfThen(matches[r], Block(
                Assign(then, thens[r]), accumulate,
                OrAssign(bits, Constant(RowBit(r))), PostIncrementAssign(count))));
        }
        statements.Add(Assign(mask, Condition(conflict, Constant(-1L), bits)));
        statements.Add(Condition(conflict, NullNumber, Condition(Equal(count, Constant(0)), Constant(0m, typeof(decimal?)), result)));
        return Block(typeof(decimal?), [result, count, bits, conflict, then], statements);
    }

    private static long RowBit(int row) => row < 63 ? 1L << row : 0L;

    // The last stage reads the indicators' points back from the record: category points are the sums of their
    // rounded indicator points, from the first term (not from 0: decimal additions are a large part of a plan's time).
    private void SumCategories()
    {
        // Category points and the total are never null: decimal locals in the present plan, decimal? in the other.
        var type = _present ? typeof(decimal) : typeof(decimal?);
        var points = Record(nameof(EvaluationRecord.Points));
        var categories = Record(nameof(EvaluationRecord.Categories));
        Expression? total = null;
        var offset = 0;
        for (var c = 0; c < _catalogue.Categories.Length; c++)
        {
            var category = _catalogue.Categories[c];
            Expression sum = Call(SumMethod, points, Constant(offset), Constant(category.Indicators.Length));
            offset += category.Indicators.Length;
            var local = Local(type, "cat_" + category.Id);
            _body.Add(Assign(local, Convert(sum, type)));
            _body.Add(Assign(ArrayAccess(categories, Constant(c)), Convert(local, typeof(decimal))));
            total = total is null ? Convert(local, typeof(decimal)) : Add(total, Convert(local, typeof(decimal)));
        }
        var totalLocal = Local(type, "total");
        _body.Add(Assign(totalLocal, Convert(total ?? Constant(0m), type)));
        _body.Add(Assign(Property(_record, nameof(EvaluationRecord.Total)), Convert(totalLocal, typeof(decimal))));
    }

    // Category points and the total as the grade conditions read them: decimal in the present plan, decimal? in the other.
    private void LoadCategories()
    {
        var type = _present ? typeof(decimal) : typeof(decimal?);
        var categories = Record(nameof(EvaluationRecord.Categories));
        for (var c = 0; c < _catalogue.Categories.Length; c++)
        {
            var local = Local(type, "cat_" + _catalogue.Categories[c].Id);
            _body.Add(Assign(local, Convert(ArrayIndex(categories, Constant(c)), type)));
            _names[_catalogue.Categories[c].Id] = local;
        }
        var total = Local(type, "total");
        _body.Add(Assign(total, Convert(Property(_record, nameof(EvaluationRecord.Total)), type)));
        _names["total"] = total;
    }

    // Whether any veto fired (each veto stage wrote its outcome): never null, a bool for the grade conditions in the
    // present plan.
    private void Vetoed()
    {
        Expression any = Call(AnyTrueMethod, Record(nameof(EvaluationRecord.Vetoes)));
        var vetoed = Local(_present ? typeof(bool) : typeof(bool?), "vetoed");
        _body.Add(Assign(vetoed, _present ? any : Convert(any, typeof(bool?))));
        _names["vetoed"] = vetoed;
    }

    private void ChooseGrade()
    {
        Expression grade = Constant(-1);
        for (var g = _catalogue.Grades.Length - 1; g >= 0; g--)
            grade = Condition(IsTrue(Feel(_catalogue.Grades[g].When.Ast)), Constant(g), grade);
        _body.Add(Assign(Property(_record, nameof(EvaluationRecord.Grade)), grade));
    }

    private Expression Feel(FeelExpr ast) => _present ? FeelCompiler.CompilePresent(ast, Bind) : FeelCompiler.Compile(ast, Bind);

    // Inside an indicator whose missing-data test has passed, its reads are present: bound as their values.
    private Expression Bind(string name)
    {
        var e = Name(name);
        if (_presentNames.Contains(name) && Nullable.GetUnderlyingType(e.Type) is { } underlying && (underlying == typeof(decimal) || underlying == typeof(bool)))
            return Call(e, e.Type.GetMethod(nameof(Nullable<int>.GetValueOrDefault), Type.EmptyTypes)!);
        return e;
    }

    // A first-hit table whose results are all constants within [0, points] with at most 2 decimals (and no
    // re-weighting) needs no clamp and no rounding: Finish would return its result unchanged, status Scored.
    private static bool InRangeAlways(Indicator indicator) =>
        indicator.Points == indicator.RulePoints
        && indicator.Scoring is TableScoring { Hit: HitPolicy.First } table
        && table.Rows.All(row => row.Then.Ast is NumberLiteral { Value: var v } && v >= 0m && v <= indicator.RulePoints && v.Scale <= 2);

    // A derived value or veto reads no missing-data test: in the present plan it is computed on plain values when
    // every nullable name it reads is present at run time, and by the all-nullable emission otherwise.
    private Expression PresentWhenAll(FeelExpr ast)
    {
        var safe = Feel(ast);
        if (!_present) return safe;
        var nullable = FeelAnalysis.FreeNames(ast)
            .Where(n => _names.TryGetValue(n, out var e) && Nullable.GetUnderlyingType(e.Type) is { } u && (u == typeof(decimal) || u == typeof(bool)))
            .ToList();
        if (nullable.Count == 0) return safe;
        _presentNames.UnionWith(nullable);
        var fast = Feel(ast);
        _presentNames.Clear();
        var allPresent = nullable.Select(n => FeelCompiler.IsNotNull(_names[n])).Aggregate(AndAlso);
        return Condition(allPresent, FeelCompiler.Coerce(fast, safe.Type), safe);
    }

    // A present number stays a decimal; anything else becomes the nullable number Number() gives.
    private Expression Present(Expression e) => _present && e.Type == typeof(decimal) ? e : Number(e);

    private static Expression IsTrue(Expression e) => FeelCompiler.IsTrue(Boolean(e));

    private static Expression Number(Expression e) =>
        e.Type == typeof(decimal?) ? e : e.Type == typeof(decimal) ? Convert(e, typeof(decimal?)) : Call(AsNumberMethod, Convert(e, typeof(object)));

    private static Expression Boolean(Expression e) =>
        e.Type == typeof(bool?) ? e : e.Type == typeof(bool) ? Convert(e, typeof(bool?)) : Call(AsBooleanMethod, Convert(e, typeof(object)));

    private ParameterExpression Local(Type type, string name)
    {
        var local = Variable(type, name);
        _locals.Add(local);
        return local;
    }
}
