using System.Collections;

namespace Evaluation.Rules.Feel;

/// <summary>
/// A FEEL context: entries in the order they were written, keys unique. Immutable once built; context put and
/// merge make new contexts.
/// </summary>
public sealed class FeelContext : IReadOnlyDictionary<string, object?>
{
    private readonly List<KeyValuePair<string, object?>> _entries = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public FeelContext()
    {
    }

    public FeelContext(IEnumerable<KeyValuePair<string, object?>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var (key, value) in entries) Set(key, value);
    }

    /// <summary>Adds an entry or replaces the value of an existing key (building only: contexts are values).</summary>
    internal void Set(string key, object? value)
    {
        if (_index.TryGetValue(key, out var at)) _entries[at] = new(key, value);
        else
        {
            _index[key] = _entries.Count;
            _entries.Add(new(key, value));
        }
    }

    public object? this[string key] => _entries[_index[key]].Value;

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<object?> Values => _entries.Select(e => e.Value);

    public int Count => _entries.Count;

    public bool ContainsKey(string key) => _index.ContainsKey(key);

    public bool TryGetValue(string key, out object? value)
    {
        if (_index.TryGetValue(key, out var at))
        {
            value = _entries[at].Value;
            return true;
        }
        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => FeelRuntime.Show(this) ?? "{}";
}

/// <summary>A FEEL function value: a user-written <c>function(a, b) body</c> closed over its scope, or a built-in.</summary>
public sealed class FeelFunction(IReadOnlyList<string> parameters, Func<object?[], object?> invoke)
{
    /// <summary>Calls nested deeper than this give null: a recursive function must not overflow the stack and end the process.</summary>
    public const int MaxDepth = 64;

    [ThreadStatic]
    private static int _depth;

    public IReadOnlyList<string> Parameters { get; } = parameters;

    /// <summary>When set, a call must give every parameter (a DMN decision service); otherwise missing ones are null.</summary>
    public bool ExactArity { get; init; }

    /// <summary>Calls the function; missing arguments are null, extra ones (or calls nested too deeply) make the result null.</summary>
    public object? Invoke(IReadOnlyList<object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count > Parameters.Count || (ExactArity && arguments.Count < Parameters.Count) || _depth >= MaxDepth) return null;
        var args = new object?[Parameters.Count];
        for (var i = 0; i < arguments.Count; i++) args[i] = arguments[i];
        _depth++;
        try
        {
            return invoke(args);
        }
        finally
        {
            _depth--;
        }
    }

    public override string ToString() => $"function({string.Join(", ", Parameters)})";
}

/// <summary>
/// A unary test used as a value, <c>(&lt; 10)</c> or <c>(= 10)</c>: it tests like the range or value it names, but
/// equals only the same test (<c>(&lt; 10) = (null..10)</c> is false, as the DMN TCK has it).
/// </summary>
public sealed record FeelUnaryTestValue(FeelBinaryOperator Operator, object? Operand);
