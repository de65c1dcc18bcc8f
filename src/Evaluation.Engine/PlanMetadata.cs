using System.Collections.Immutable;
using Evaluation.Rules.Feel;
using Evaluation.Rules.Model;

namespace Evaluation.Engine;

/// <summary>
/// What a plan knows about each indicator beside its delegate: which names it reads (statically, through
/// derived values), which tables and parts it owns. Explanations and the missing-data rule come from here.
/// </summary>
internal sealed class PlanMetadata
{
    public PlanMetadata(Catalogue catalogue)
    {
        Layout = new FactLayout(catalogue.Inputs);
        DerivedIndex = catalogue.Derived.Select((d, i) => (d.Id, i)).ToImmutableDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var derivedReads = catalogue.Derived.ToDictionary(d => d.Id, d => FeelAnalysis.FreeNames(d.Expression.Ast), StringComparer.Ordinal);
        var indicators = ImmutableArray.CreateBuilder<IndicatorMeta>();
        int tables = 0, parts = 0;
        foreach (var category in catalogue.Categories)
        {
            foreach (var indicator in category.Indicators)
            {
                var direct = new HashSet<string>(StringComparer.Ordinal);
                var tableStart = tables;
                var partStart = parts;
                Collect(indicator.Scoring, direct, ref tables, ref parts);
                var reads = Expand(direct, derivedReads)
                    .Where(n => Layout.Index.ContainsKey(n) || DerivedIndex.ContainsKey(n))
                    .OrderBy(n => Layout.Index.TryGetValue(n, out var i) ? i : 10_000 + DerivedIndex[n])
                    .ToImmutableArray();
                indicators.Add(new IndicatorMeta(indicator, category, reads, tableStart, tables - tableStart, partStart, parts - partStart));
            }
        }
        Indicators = indicators.ToImmutable();
        Shape = new PlanShape(Indicators.Length, parts, tables, catalogue.Derived.Length, catalogue.Categories.Length, catalogue.Vetoes.Length);
    }

    public FactLayout Layout { get; }
    public ImmutableDictionary<string, int> DerivedIndex { get; }
    public ImmutableArray<IndicatorMeta> Indicators { get; }
    public PlanShape Shape { get; }

    private static void Collect(Scoring scoring, HashSet<string> names, ref int tables, ref int parts)
    {
        switch (scoring)
        {
            case ScoreScoring s: names.UnionWith(FeelAnalysis.FreeNames(s.Expression.Ast)); break;
            case LinearScoring l:
                names.UnionWith(FeelAnalysis.FreeNames(l.Of.Ast));
                names.UnionWith(FeelAnalysis.FreeNames(l.Zero.Ast));
                names.UnionWith(FeelAnalysis.FreeNames(l.Full.Ast));
                break;
            case LevelsScoring l: names.Add(l.Input); break;
            case DeductScoring d:
                foreach (var item in d.Items) names.UnionWith(FeelAnalysis.FreeNames(item.Count.Ast));
                break;
            case TableScoring t:
                tables++;
                foreach (var input in t.Inputs) names.UnionWith(FeelAnalysis.FreeNames(input.Ast));
                foreach (var row in t.Rows)
                {
                    names.UnionWith(FeelAnalysis.FreeNames(row.Then.Ast));
                    foreach (var cell in row.When) names.UnionWith(FeelAnalysis.FreeNames(cell.Tests));
                }
                break;
            case PartsScoring p:
                foreach (var part in p.Parts)
                {
                    parts++;
                    Collect(part.Scoring, names, ref tables, ref parts);
                }
                break;
        }
    }

    private static HashSet<string> Expand(HashSet<string> direct, Dictionary<string, IReadOnlySet<string>> derivedReads)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(direct);
        while (stack.TryPop(out var name))
        {
            if (!all.Add(name)) continue;
            if (derivedReads.TryGetValue(name, out var reads)) foreach (var r in reads) stack.Push(r);
        }
        return all;
    }
}

/// <summary>One indicator's place in the plan.</summary>
internal sealed record IndicatorMeta(
    Indicator Indicator,
    Category Category,
    ImmutableArray<string> Reads,
    int TableStart,
    int TableCount,
    int PartStart,
    int PartCount);
