using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq.Expressions;
using Evaluation.Engine;
using Evaluation.Rules.Feel;
using Evaluation.Rules.Model;
using NRules;
using NRules.RuleModel;
using NRules.RuleModel.Builders;
using static System.Linq.Expressions.Expression;

namespace Evaluation.Bench;

/// <summary>An enterprise as an NRules fact: its bound facts, and the result the grade rules leave on it.</summary>
public sealed class NrEnterprise(string? id, FactSet facts)
{
    public string? Id { get; } = id;
    public FactSet Facts { get; } = facts;
    public NrTotals? Totals { get; set; }
    public string Grade { get; set; } = "-";

    // Slots by method, not array index: NRules' expression comparer (node sharing) rejects an array index under a member.
    public decimal? Number(int slot) => Facts.Numbers[slot];
    public bool? Boolean(int slot) => Facts.Booleans[slot];
    public string? Text(int slot) => Facts.Texts[slot];
    public DateOnly? Date(int slot) => Facts.Dates[slot];
}

/// <summary>One indicator's finished points (clamped, re-weighted, rounded), inserted by its rule.</summary>
public sealed record NrPoints(NrEnterprise Enterprise, int Index, decimal Points, IndicatorStatus Status);

/// <summary>A veto that fired, inserted by its rule.</summary>
public sealed record NrVeto(NrEnterprise Enterprise, int Index);

/// <summary>Category points, the total and whether a veto fired, inserted by the total rule for the grade rules.</summary>
public sealed record NrTotals(NrEnterprise Enterprise, decimal[] Categories, decimal Total, bool Vetoed, decimal[] Points)
{
    public decimal Category(int index) => Categories[index];
}

/// <summary>
/// Issue 19 part 1: a catalogue as an NRules rule set, generated through NRules' rule model (<see cref="RuleBuilder"/>)
/// from the catalogue model, not written by hand. The chain, one layer of facts per step:
/// <list type="bullet">
/// <item>per indicator, a rule on <see cref="NrEnterprise"/> whose condition is its missing-data test passing (its reads
///   present) and whose action inserts the finished points, and a rule for the test failing that inserts 0 (missing);</item>
/// <item>per veto, a rule whose condition is the veto's <c>when</c> and whose action inserts <see cref="NrVeto"/>;</item>
/// <item>a total rule: the enterprise, the collection of its <see cref="NrPoints"/> once every indicator has one, and the
///   collection of its vetoes → <see cref="NrTotals"/> (lower priority, so every veto has fired first);</item>
/// <item>per grade band, a rule on <see cref="NrTotals"/>: its condition and no earlier band's → the grade.</item>
/// </list>
/// Conditions and actions are the FEEL subset compiled by <see cref="FeelCompiler"/> to expression trees over the
/// fact's arrays, in the engine's all-nullable semantics (a decimal overflow is null); the arithmetic helpers are the
/// engine's own (<see cref="Runtime"/>), so any difference is in how the rules are put together, not in FEEL.
/// </summary>
public sealed class NRulesCatalogue
{
    private static readonly ConstantExpression NullNumber = Constant(null, typeof(decimal?));
    private readonly Catalogue _catalogue;
    private readonly PlanMetadata _meta;
    private readonly Dictionary<string, DerivedValue> _derived;
    private readonly ParameterExpression _e = Parameter(typeof(NrEnterprise), "e");
    private Expression _subject;    // what inputs are read from: the enterprise pattern, or a grade rule's totals' enterprise

    private NRulesCatalogue(ScoringPlan plan)
    {
        _catalogue = plan.Catalogue;
        _meta = plan.Metadata;
        _derived = _catalogue.Derived.ToDictionary(d => d.Id, StringComparer.Ordinal);
        _subject = _e;
    }

    /// <summary>The generated rule definitions of the plan's catalogue.</summary>
    public static IReadOnlyList<IRuleDefinition> Rules(ScoringPlan plan) => new NRulesCatalogue(plan).Build();

    /// <summary>The rule definitions compiled into a session factory (NRules' Rete network and its compiled expressions).</summary>
    public static ISessionFactory Compile(IReadOnlyList<IRuleDefinition> rules) => new RuleCompiler().Compile(rules);

    /// <summary>Scores one enterprise in a fresh session: insert, fire, read the totals and grade the rules left.</summary>
    public static NrEnterprise Score(ISessionFactory factory, string? id, FactSet facts)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var enterprise = new NrEnterprise(id, facts);
        var session = factory.CreateSession();
        session.Insert(enterprise);
        session.Fire();
        return enterprise;
    }

    private List<IRuleDefinition> Build()
    {
        var rules = new List<IRuleDefinition>();
        for (var i = 0; i < _meta.Indicators.Length; i++)
        {
            var meta = _meta.Indicators[i];
            var indicator = meta.Indicator;
            var missing = Missing(meta.Reads);
            var raw = Score(indicator.Scoring, indicator.RulePoints);
            var finish = Call(typeof(NRulesCatalogue).GetMethod(nameof(Finished), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!,
                _e, Constant(i), raw, Constant(indicator.RulePoints), Constant(indicator.Points));
            rules.Add(EnterpriseRule($"{indicator.Id}", $"{indicator.Name.Zh}: scored", 10, Not(missing), finish));
            if (meta.Reads.Length > 0)
                rules.Add(EnterpriseRule($"{indicator.Id}:missing", $"{indicator.Name.Zh}: an input is missing", 10, missing,
                    New(typeof(NrPoints).GetConstructors()[0], _e, Constant(i), Constant(0m), Constant(IndicatorStatus.Missing))));
        }
        for (var v = 0; v < _catalogue.Vetoes.Length; v++)
        {
            var veto = _catalogue.Vetoes[v];
            rules.Add(EnterpriseRule($"veto:{veto.Id}", veto.Name.Zh, 10, IsTrue(Boolean(Feel(veto.When.Ast))),
                New(typeof(NrVeto).GetConstructors()[0], _e, Constant(v))));
        }
        rules.Add(TotalRule());
        for (var g = 0; g < _catalogue.Grades.Length; g++) rules.Add(GradeRule(g));
        return rules;
    }

    // when (e: NrEnterprise) condition(e) then ctx.Insert(fact(e))
    private IRuleDefinition EnterpriseRule(string name, string description, int priority, Expression condition, Expression fact)
    {
        var builder = new RuleBuilder();
        builder.Name(name);
        builder.Description(description);
        builder.Priority(priority);
        var pattern = builder.LeftHandSide().Pattern(typeof(NrEnterprise), _e.Name!);
        pattern.Condition(Lambda(condition, _e));
        var ctx = Parameter(typeof(IContext), "ctx");
        builder.RightHandSide().Action(Lambda(Call(ctx, typeof(IContext).GetMethod(nameof(IContext.Insert))!, Convert(fact, typeof(object))), ctx, _e));
        return builder.Build();
    }

    // when e; points = collect(NrPoints p where p.Enterprise == e), all indicators in; vetoes = collect(NrVeto v where v.Enterprise == e)
    // then insert NrTotals(e, ...)
    private IRuleDefinition TotalRule()
    {
        var builder = new RuleBuilder();
        builder.Name("total");
        builder.Description("categories, total and vetoes once every indicator is scored");
        builder.Priority(0);
        var lhs = builder.LeftHandSide();
        lhs.Pattern(typeof(NrEnterprise), "e");
        var pointsPattern = lhs.Pattern(typeof(IEnumerable<NrPoints>), "points");
        var p = Parameter(typeof(NrPoints), "p");
        var ep = Parameter(typeof(NrEnterprise), "e");
        var collectPoints = pointsPattern.Aggregate();
        collectPoints.Collect();
        collectPoints.Pattern(typeof(NrPoints), "p").Condition(Lambda(ReferenceEqual(Property(p, nameof(NrPoints.Enterprise)), ep), p, ep));
        var pts = Parameter(typeof(IEnumerable<NrPoints>), "points");
        var count = Call(typeof(Enumerable).GetMethods().First(m => m.Name == nameof(Enumerable.Count) && m.GetParameters().Length == 1).MakeGenericMethod(typeof(NrPoints)), pts);
        pointsPattern.Condition(Lambda(Equal(count, Constant(_meta.Indicators.Length)), pts));
        var vetoPattern = lhs.Pattern(typeof(IEnumerable<NrVeto>), "vetoes");
        var v = Parameter(typeof(NrVeto), "v");
        var collectVetoes = vetoPattern.Aggregate();
        collectVetoes.Collect();
        collectVetoes.Pattern(typeof(NrVeto), "v").Condition(Lambda(ReferenceEqual(Property(v, nameof(NrVeto.Enterprise)), ep), v, ep));
        var ctx = Parameter(typeof(IContext), "ctx");
        var vts = Parameter(typeof(IEnumerable<NrVeto>), "vetoes");
        var sizes = _catalogue.Categories.Select(c => c.Indicators.Length).ToArray();
        var totals = Call(typeof(NRulesCatalogue).GetMethod(nameof(Totals), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!,
            ep, pts, vts, Constant(sizes));
        builder.RightHandSide().Action(Lambda(Call(ctx, typeof(IContext).GetMethod(nameof(IContext.Insert))!, Convert(totals, typeof(object))), ctx, ep, pts, vts));
        return builder.Build();
    }

    // when t: NrTotals where band g and no earlier band then t.Enterprise.Grade = g
    private IRuleDefinition GradeRule(int g)
    {
        var t = Parameter(typeof(NrTotals), "t");
        var names = new Dictionary<string, Expression>(StringComparer.Ordinal)
        {
            ["total"] = Convert(Property(t, nameof(NrTotals.Total)), typeof(decimal?)),
            ["vetoed"] = Convert(Property(t, nameof(NrTotals.Vetoed)), typeof(bool?)),
        };
        for (var c = 0; c < _catalogue.Categories.Length; c++)
            names[_catalogue.Categories[c].Id] = Convert(Call(t, typeof(NrTotals).GetMethod(nameof(NrTotals.Category))!, Constant(c)), typeof(decimal?));
        Expression Band(int i) => IsTrue(Boolean(FeelCompiler.Compile(_catalogue.Grades[i].When.Ast, n => names.TryGetValue(n, out var x) ? x : Bind(n))));
        // A band may read inputs too (A: satisfaction_rate): from the enterprise the totals belong to.
        _subject = Property(t, nameof(NrTotals.Enterprise));
        Expression condition = Band(g);
        for (var earlier = 0; earlier < g; earlier++) condition = AndAlso(condition, Not(Band(earlier)));
        _subject = _e;
        var band = _catalogue.Grades[g];
        var builder = new RuleBuilder();
        builder.Name($"grade:{band.Grade}");
        builder.Description(band.Name.Zh);
        builder.Priority(0);
        builder.LeftHandSide().Pattern(typeof(NrTotals), "t").Condition(Lambda(condition, t));
        var ctx = Parameter(typeof(IContext), "ctx");
        var enterprise = Property(t, nameof(NrTotals.Enterprise));
        builder.RightHandSide().Action(Lambda(Block(
            Assign(Property(enterprise, nameof(NrEnterprise.Grade)), Constant(band.Grade)),
            Assign(Property(enterprise, nameof(NrEnterprise.Totals)), t)), ctx, t));
        return builder.Build();
    }

    private static NrPoints Finished(NrEnterprise e, int index, decimal? raw, decimal rulePoints, decimal points)
    {
        var status = new byte[1];
        var p = Runtime.Finish(raw, false, rulePoints, points, status, 0);
        return new NrPoints(e, index, p, (IndicatorStatus)status[0]);
    }

    private static NrTotals Totals(NrEnterprise e, IEnumerable<NrPoints> points, IEnumerable<NrVeto> vetoes, int[] sizes)
    {
        var all = new decimal[sizes.Sum()];
        foreach (var p in points) all[p.Index] = p.Points;
        var categories = new decimal[sizes.Length];
        var total = 0m;
        for (int c = 0, offset = 0; c < sizes.Length; offset += sizes[c], c++)
        {
            categories[c] = Runtime.Sum(all, offset, sizes[c]);
            total = c == 0 ? categories[c] : total + categories[c];
        }
        return new NrTotals(e, categories, total, vetoes.Any(), all);
    }

    // ---- FEEL over the fact: inputs are the fact's array slots, derived values inlined, parameters constants ----

    private Expression Bind(string name)
    {
        if (_catalogue.Parameters.FirstOrDefault(p => p.Id == name) is { } parameter)
            return parameter.Value switch
            {
                decimal d => Constant(d, typeof(decimal?)),
                bool b => Constant(b, typeof(bool?)),
                DateOnly date => Constant(date, typeof(DateOnly?)),
                _ => Constant(parameter.Value, typeof(string)),
            };
        if (_meta.Layout.Index.TryGetValue(name, out var input))
        {
            var method = FactLayout.KindOf(_meta.Layout.Inputs[input].Type) switch
            {
                SlotKind.Number => nameof(NrEnterprise.Number),
                SlotKind.Boolean => nameof(NrEnterprise.Boolean),
                SlotKind.Text => nameof(NrEnterprise.Text),
                _ => nameof(NrEnterprise.Date),
            };
            return Call(_subject, typeof(NrEnterprise).GetMethod(method)!, Constant(_meta.Layout.Slots[input]));
        }
        if (_derived.TryGetValue(name, out var derived)) return Feel(derived.Expression.Ast);
        throw new NotSupportedException($"name '{name}' is not bound");
    }

    private Expression Feel(FeelExpr ast) => FeelCompiler.Compile(ast, Bind);

    private Expression Missing(ImmutableArray<string> reads)
    {
        Expression test = Constant(false);
        foreach (var name in reads)
        {
            var value = Bind(name);
            if (value.Type.IsValueType && Nullable.GetUnderlyingType(value.Type) is null) continue;
            test = OrElse(test, IsNull(value));
        }
        return test;
    }

    private Expression Score(Scoring scoring, decimal points) => scoring switch
    {
        ScoreScoring s => Number(Feel(s.Expression.Ast)),
        LinearScoring l => Call(typeof(Runtime).GetMethod(nameof(Runtime.Linear))!, Number(Feel(l.Of.Ast)), Number(Feel(l.Zero.Ast)),
            Number(Feel(l.Full.Ast)), Constant(points)),
        LevelsScoring l => Call(typeof(Runtime).GetMethod(nameof(Runtime.Level))!, Bind(l.Input),
            Constant(l.Scale.Select(kv => kv.Key).ToArray()), Constant(l.Scale.Select(kv => kv.Value).ToArray()), Constant(points)),
        DeductScoring d => d.Items.Aggregate((Expression)Constant(points, typeof(decimal?)), (acc, item) =>
            Call(typeof(NRulesCatalogue).GetMethod(nameof(Deduct), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!,
                acc, Constant(item.Per, typeof(decimal?)), Number(Feel(item.Count.Ast)))),
        PartsScoring p => p.Parts.Select(part => (Expression)Call(typeof(Runtime).GetMethod(nameof(Runtime.Part))!,
                Number(Score(part.Scoring, part.Points)), Constant(part.Points), Constant(part.IsPenalty)))
            .DefaultIfEmpty(Constant(0m, typeof(decimal?))).Aggregate(Add),
        TableScoring t => Table(t),
        _ => throw new NotSupportedException($"scoring form {scoring.GetType().Name}"),
    };

    private Expression Table(TableScoring table)
    {
        var columns = table.Inputs.Select(i => Feel(i.Ast)).ToList();
        var matches = table.Rows.Select(row => row.When.Select((cell, c) => FeelCompiler.CompileUnaryTests(cell.Tests, columns[c], Bind))
            .Aggregate(AndAlso)).ToList();
        var thens = table.Rows.Select(row => Number(Feel(row.Then.Ast))).ToList();
        if (table.Hit == HitPolicy.First)
        {
            Expression result = Constant(0m, typeof(decimal?));
            for (var r = matches.Count - 1; r >= 0; r--) result = Condition(matches[r], thens[r], result);
            return result;
        }
        // Collect policies and unique/any: every matching row's result, folded as the engine does.
        var results = NewArrayInit(typeof(decimal?), thens);
        var matched = NewArrayInit(typeof(bool), matches);
        return Call(typeof(NRulesCatalogue).GetMethod(nameof(Collect), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!,
            Constant(table.Hit), matched, results);
    }

    private static decimal? Collect(HitPolicy hit, bool[] matched, decimal?[] results)
    {
        decimal? result = null;
        var count = 0;
        var conflict = false;
        for (var r = 0; r < matched.Length; r++)
        {
            if (!matched[r]) continue;
            var then = results[r];
            switch (hit)
            {
                case HitPolicy.CollectSum: result = (result ?? 0m) + then; break;
                case HitPolicy.CollectMax: if (result is null || then > result) result = then; break;
                case HitPolicy.CollectMin: if (result is null || then < result) result = then; break;
                default:
                    if (count == 0) result = then;
                    else if (hit == HitPolicy.Unique || result != then) conflict = true;
                    break;
            }
            count++;
        }
        return conflict ? null : count == 0 ? 0m : result;
    }

    // FEEL's a − per × count: null on a null operand or an overflow (FeelRuntime.Subtract and Multiply).
    private static decimal? Deduct(decimal? acc, decimal? per, decimal? count)
    {
        if (acc is not { } a || per is not { } p || count is not { } n) return null;
        try { return a - p * n; } catch (OverflowException) { return null; }
    }

    private static Expression IsNull(Expression e) =>
        Nullable.GetUnderlyingType(e.Type) is not null ? Not(Property(e, nameof(Nullable<int>.HasValue)))
        : e.Type.IsValueType ? Constant(false)
        : ReferenceEqual(e, Constant(null, e.Type));

    private static Expression IsTrue(Expression e) =>
        e.Type == typeof(bool) ? e : Call(e, typeof(bool?).GetMethod(nameof(Nullable<bool>.GetValueOrDefault), Type.EmptyTypes)!);

    private static Expression Number(Expression e) =>
        e.Type == typeof(decimal?) ? e : e.Type == typeof(decimal) ? Convert(e, typeof(decimal?))
        : Call(typeof(Runtime).GetMethod(nameof(Runtime.AsNumber))!, Convert(e, typeof(object)));

    private static Expression Boolean(Expression e) =>
        e.Type == typeof(bool?) ? e : e.Type == typeof(bool) ? Convert(e, typeof(bool?))
        : Call(typeof(Runtime).GetMethod(nameof(Runtime.AsBoolean))!, Convert(e, typeof(object)));

    /// <summary>
    /// `bench/run.sh --nrules`: for the base catalogue and the gas variant, the rule set generated and compiled (times),
    /// the 10,000-enterprise population scored in one session per enterprise and checked against the engine to the cent
    /// (every indicator, category, total, veto and grade), then time per enterprise beside the compiled plan and the
    /// hand-written method, by the process's CPU time, best of alternating rounds.
    /// </summary>
    public static int Run(Func<Action, int, double> nsPerItem, int rounds)
    {
        ArgumentNullException.ThrowIfNull(nsPerItem);
        var failed = false;
        foreach (var gas in new[] { false, true })
        {
            var name = gas ? "gas " : "base";
            var plan = NingboCrossCheck.Plan(gas);
            var population = NingboPopulation.Bind(plan);
            var watch = Stopwatch.StartNew();
            var rules = Rules(plan);
            var generate = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            var factory = Compile(rules);
            var compile = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            Compile(Rules(plan));
            var compileAgain = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            ScoringPlan.Compile(plan.Catalogue);
            var planCompile = watch.Elapsed.TotalMilliseconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {rules.Count} rules generated in {generate:0} ms; NRules compile {compile:0} ms first, {compileAgain:0} ms again; engine ScoringPlan.Compile again (compiler warm) {planCompile:0} ms"));

            Console.WriteLine($"{name}: " + NingboCrossCheck.Profile(plan, population));
            var differences = Differences(plan, factory, population);
            foreach (var d in differences.Take(20)) Console.Error.WriteLine("  " + d);
            Console.WriteLine($"{name}: {differences.Count} differences between NRules and the engine over {population.Length} enterprises (indicators, categories, total, vetoed, grade)");
            failed |= differences.Count > 0;

            var hand = new HandWrittenNingbo(plan.Layout, gas);
            var handPoints = new decimal[hand.IndicatorCount];
            var sample = population.Take(2000).ToArray();
            double nrules = double.MaxValue, batched = double.MaxValue, engine = double.MaxValue, handWritten = double.MaxValue;
            for (var round = 0; round < rounds; round++)
            {
                nrules = Math.Min(nrules, nsPerItem(() => { foreach (var (id, facts) in sample) Score(factory, id, facts); }, sample.Length));
                // 100 enterprises to a session: the points and vetoes join their enterprise (no index: every pair is tested).
                batched = Math.Min(batched, nsPerItem(() =>
                {
                    foreach (var chunk in sample.Chunk(100))
                    {
                        var session = factory.CreateSession();
                        session.InsertAll(chunk.Select(x => new NrEnterprise(x.Id, x.Facts)));
                        session.Fire();
                    }
                }, sample.Length));
                engine = Math.Min(engine, nsPerItem(() => { foreach (var (id, facts) in population) plan.Evaluate(facts, id, explain: false); }, population.Length));
                handWritten = Math.Min(handWritten, nsPerItem(() => { foreach (var (_, facts) in population) hand.Score(facts, handPoints); }, population.Length));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: per enterprise — NRules {nrules / 1000:0.0} µs (a session each: create, insert, fire), {batched / 1000:0.0} µs (100 to a session), engine plan {engine:0} ns, hand-written {handWritten:0} ns; NRules/engine {nrules / engine:0}×, NRules/hand-written {nrules / handWritten:0}×"));
        }
        return failed ? 1 : 0;
    }

    /// <summary>Every difference between the NRules rule set and the engine's ScoreCards.</summary>
    public static List<string> Differences(ScoringPlan plan, ISessionFactory factory, IReadOnlyList<(string? Id, FactSet Facts)> population)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(population);
        var differences = new List<string>();
        foreach (var (id, facts) in population)
        {
            var card = plan.Evaluate(facts, id, explain: false);
            var mine = Score(factory, id, facts);
            if (mine.Totals is not { } t) { differences.Add($"{id}: no grade rule fired"); continue; }
            for (var i = 0; i < card.Indicators.Length; i++)
                if (card.Indicators[i].Points != t.Points[i])
                    differences.Add(string.Create(CultureInfo.InvariantCulture, $"{id} {card.Indicators[i].Id}: engine {card.Indicators[i].Points}, NRules {t.Points[i]}"));
            for (var c = 0; c < card.Categories.Length; c++)
                if (card.Categories[c].Points != t.Categories[c])
                    differences.Add(string.Create(CultureInfo.InvariantCulture, $"{id} {card.Categories[c].Id}: engine {card.Categories[c].Points}, NRules {t.Categories[c]}"));
            if (card.Total != t.Total) differences.Add(string.Create(CultureInfo.InvariantCulture, $"{id} total: engine {card.Total}, NRules {t.Total}"));
            if (card.Vetoed != t.Vetoed) differences.Add($"{id} vetoed: engine {card.Vetoed}, NRules {t.Vetoed}");
            if (card.Grade != mine.Grade) differences.Add($"{id} grade: engine {card.Grade}, NRules {mine.Grade}");
        }
        return differences;
    }
}
