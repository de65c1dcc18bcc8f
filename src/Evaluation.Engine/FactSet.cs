using System.Collections.Frozen;
using System.Collections.Immutable;
using Evaluation.Rules.Loading;
using Evaluation.Rules.Model;

namespace Evaluation.Engine;

/// <summary>Where each input of a plan lives in a <see cref="FactSet"/>: typed arrays, one slot per input.</summary>
public sealed class FactLayout
{
    internal FactLayout(ImmutableArray<InputDefinition> inputs)
    {
        Inputs = inputs;
        var slots = new int[inputs.Length];
        var counts = new int[4];
        for (var i = 0; i < inputs.Length; i++) slots[i] = counts[(int)KindOf(inputs[i].Type)]++;
        Slots = [.. slots];
        NumberCount = counts[0];
        BooleanCount = counts[1];
        TextCount = counts[2];
        DateCount = counts[3];
        // Looked up once per fact on every bind (a population is 10,000 × ~90 facts): a frozen hash table, not a tree.
        Index = inputs.Select((input, i) => (input.Id, i)).ToFrozenDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
    }

    /// <summary>The plan's inputs in declaration order.</summary>
    public ImmutableArray<InputDefinition> Inputs { get; }

    internal ImmutableArray<int> Slots { get; }
    internal FrozenDictionary<string, int> Index { get; }
    internal int NumberCount { get; }
    internal int BooleanCount { get; }
    internal int TextCount { get; }
    internal int DateCount { get; }

    internal static SlotKind KindOf(InputType type) => type switch
    {
        InputType.Integer or InputType.Decimal => SlotKind.Number,
        InputType.Boolean => SlotKind.Boolean,
        InputType.Date => SlotKind.Date,
        _ => SlotKind.Text,
    };

    /// <summary>
    /// Binds raw facts (input id → value) to this layout, applying defaults. Unknown ids and values of the
    /// wrong type are errors naming the input; on any error no fact set is returned.
    /// </summary>
    public FactSet? Bind(IReadOnlyDictionary<string, object?> facts, List<string> errors)
    {
        var before = errors.Count;
        var set = new FactSet(this);
        foreach (var (id, raw) in facts)
        {
            if (!Index.TryGetValue(id, out var i)) { errors.Add($"{id}: unknown input"); continue; }
            var value = Values.Check(Inputs[i], raw, out var error);
            if (error is not null) errors.Add($"{id}: {error}");
            else set.Set(i, value, defaulted: false);
        }
        for (var i = 0; i < Inputs.Length; i++)
            if (Inputs[i].Default is { } d && set.IsMissing(i)) set.Set(i, d, defaulted: true);
        return errors.Count > before ? null : set;
    }
}

internal enum SlotKind { Number, Boolean, Text, Date }

/// <summary>One enterprise's facts, laid out for a plan. Defaults are already applied.</summary>
public sealed class FactSet
{
    internal FactSet(FactLayout layout)
    {
        Layout = layout;
        Numbers = new decimal?[layout.NumberCount];
        Booleans = new bool?[layout.BooleanCount];
        Texts = new string?[layout.TextCount];
        Dates = new DateOnly?[layout.DateCount];
        Defaulted = new bool[layout.Inputs.Length];
    }

    /// <summary>The layout these facts follow.</summary>
    public FactLayout Layout { get; }

    internal decimal?[] Numbers { get; }
    internal bool?[] Booleans { get; }
    internal string?[] Texts { get; }
    internal DateOnly?[] Dates { get; }
    internal bool[] Defaulted { get; }

    /// <summary>The value of an input by id (null when missing).</summary>
    public object? this[string inputId] => Get(Layout.Index[inputId]);

    /// <summary>Whether the input's value came from its default rather than a record.</summary>
    public bool IsDefaulted(string inputId) => Defaulted[Layout.Index[inputId]];

    internal bool IsMissing(int input)
    {
        var slot = Layout.Slots[input];
        return FactLayout.KindOf(Layout.Inputs[input].Type) switch
        {
            SlotKind.Number => Numbers[slot] is null,
            SlotKind.Boolean => Booleans[slot] is null,
            SlotKind.Date => Dates[slot] is null,
            _ => Texts[slot] is null,
        };
    }

    internal object? Get(int input)
    {
        var slot = Layout.Slots[input];
        return FactLayout.KindOf(Layout.Inputs[input].Type) switch
        {
            SlotKind.Number => Numbers[slot],
            SlotKind.Boolean => Booleans[slot],
            SlotKind.Date => Dates[slot],
            _ => Texts[slot],
        };
    }

    internal void Set(int input, object? value, bool defaulted)
    {
        var slot = Layout.Slots[input];
        switch (FactLayout.KindOf(Layout.Inputs[input].Type))
        {
            case SlotKind.Number: Numbers[slot] = (decimal?)value; break;
            case SlotKind.Boolean: Booleans[slot] = (bool?)value; break;
            case SlotKind.Date: Dates[slot] = (DateOnly?)value; break;
            default: Texts[slot] = (string?)value; break;
        }
        Defaulted[input] = defaulted;
    }
}
