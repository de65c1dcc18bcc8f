using System.Globalization;
using Evaluation.Rules.Feel;
using Evaluation.Rules.Loading;
using Evaluation.Rules.Model;

namespace Evaluation.Web.Features.Supervision;

/// <summary>How recording an event changes the input it sets.</summary>
internal enum EventKind
{
    /// <summary>An integer count of occurrences (accidents, incidents, cases): the event adds one.</summary>
    Count,

    /// <summary>A yes/no listing (a blacklist, a conviction): the event sets it to true.</summary>
    Flag,

    /// <summary>A grade or colour the department assigns (tax credit D, environmental credit red): the event sets the value chosen.</summary>
    Level,
}

/// <summary>
/// A kind of event a department can record: one catalogue input the department owns that a one-vote veto
/// reads, e.g. 应急管理局's fatal accident sets <c>fatal_or_general_accidents</c>, read by V01.
/// </summary>
internal sealed record EventType(InputDefinition Input, EventKind Kind, IReadOnlyList<Veto> Vetoes)
{
    public string Id => Input.Id;

    /// <summary>The value the input holds after the event, given the department's current value (null for none).</summary>
    public string? ValueAfter(string? current, string? chosen)
    {
        switch (Kind)
        {
            case EventKind.Count:
                var now = current is not null && Values.Parse(Input, current, out var error) is { } parsed && error is null
                    ? Convert.ToInt64(parsed, CultureInfo.InvariantCulture) : 0L;
                return (now + 1).ToString(CultureInfo.InvariantCulture);
            case EventKind.Flag:
                return "true";
            default:
                var value = chosen?.Trim();
                return value is not null && Input.Values.Contains(value, StringComparer.Ordinal) ? value : null;
        }
    }
}

/// <summary>
/// The event types of a department, derived from the catalogue rather than listed by hand: every input whose
/// `source` is the department (the scope rule of department data) that a veto's condition reads, directly or
/// through a derived value. Integers count occurrences, booleans are listings, enums and grades are levels.
/// </summary>
internal static class EventTypes
{
    public static IReadOnlyList<EventType> For(CatalogueSet set, IReadOnlyDictionary<string, InputDefinition> departmentInputs)
    {
        var catalogues = new[] { set.Base }.Concat(set.Variants.Values.OrderBy(v => v.Key, StringComparer.Ordinal)).ToList();
        var vetoes = catalogues.SelectMany(c => c.Vetoes.Select(v => (Veto: v, Reads: Reads(c, v)))).DistinctBy(x => x.Veto.Id).ToList();
        var types = new List<EventType>();
        foreach (var input in departmentInputs.Values)
        {
            var kind = input.Type switch
            {
                InputType.Integer => EventKind.Count,
                InputType.Boolean => EventKind.Flag,
                InputType.Enum or InputType.Grade when !input.Values.IsDefaultOrEmpty => EventKind.Level,
                _ => (EventKind?)null,
            };
            var reading = vetoes.Where(v => v.Reads.Contains(input.Id)).Select(v => v.Veto).ToList();
            if (kind is { } k && reading.Count > 0) types.Add(new EventType(input, k, reading));
        }
        return types;
    }

    /// <summary>The department's A–D grade input a supervision class also sets (信用办: credit_grade), if it has one.</summary>
    public static InputDefinition? ClassInput(IReadOnlyDictionary<string, InputDefinition> departmentInputs) =>
        departmentInputs.Values.FirstOrDefault(i => i.Type == InputType.Grade
            && new[] { "A", "B", "C", "D" }.All(g => i.Values.Contains(g, StringComparer.Ordinal)));

    /// <summary>The inputs a veto reads, following derived values to the inputs beneath them.</summary>
    internal static IReadOnlySet<string> Reads(Rules.Model.Catalogue catalogue, Veto veto)
    {
        var derived = catalogue.Derived.ToDictionary(d => d.Id, d => d.Expression.Ast, StringComparer.Ordinal);
        var result = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(FeelAnalysis.FreeNames(veto.When.Ast));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name)) continue;
            if (derived.TryGetValue(name, out var ast)) foreach (var n in FeelAnalysis.FreeNames(ast)) pending.Push(n);
            else result.Add(name);
        }
        return result;
    }
}
