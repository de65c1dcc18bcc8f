using Evaluation.Rules.Feel;
using Evaluation.Rules.Model;

namespace Evaluation.Rules.Loading;

/// <summary>The names an expression may read, with their FEEL types.</summary>
internal sealed class Scope
{
    private readonly Dictionary<string, FeelType> _names = new(StringComparer.Ordinal);

    public bool TryAdd(string name, FeelType type) => _names.TryAdd(name, type);

    public void Set(string name, FeelType type) => _names[name] = type;

    public FeelType? Resolve(string name) => _names.GetValueOrDefault(name);

    public Scope With(params (string Name, FeelType Type)[] extra)
    {
        var scope = new Scope();
        foreach (var (k, v) in _names) scope._names[k] = v;
        foreach (var (n, t) in extra) scope._names[n] = t;
        return scope;
    }

    public static FeelType TypeOf(InputType type) => type switch
    {
        InputType.Integer or InputType.Decimal => FeelType.Number,
        InputType.Boolean => FeelType.Boolean,
        InputType.Date => FeelType.Date,
        _ => FeelType.String,
    };

    public static FeelType TypeOf(object value) => value switch
    {
        decimal => FeelType.Number,
        bool => FeelType.Boolean,
        DateOnly => FeelType.Date,
        _ => FeelType.String,
    };
}
