using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Evaluation.Rules.Loading;

/// <summary>A YAML scalar kept with its position, so FEEL text and raw values can report errors in place.</summary>
public sealed record Scalar(string Text, SourcePosition Position, bool Quoted)
{
    /// <summary>Column where the scalar's text starts (after an opening quote).</summary>
    public int TextColumn => Position.Column + (Quoted ? 1 : 0);
}

/// <summary>Implemented by DTOs that want to know where their mapping starts.</summary>
internal interface IPositioned
{
    SourcePosition Position { get; set; }
}

/// <summary>
/// Binds a YAML node tree to DTO classes by property name (snake_case keys to PascalCase properties),
/// collecting every shape error with its position instead of stopping at the first, which the stock
/// deserializer would do.
/// </summary>
internal sealed class YamlBinder(string file, List<CatalogueError> errors)
{
    public static YamlMappingNode? Parse(string file, string text, List<CatalogueError> errors)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                errors.Add(new CatalogueError(file, 1, 1, null, "the file must hold one YAML mapping"));
                return null;
            }
            return root;
        }
        catch (YamlException e)
        {
            errors.Add(new CatalogueError(file, (int)e.Start.Line, (int)e.Start.Column, null, $"YAML syntax: {e.InnerException?.Message ?? e.Message}"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet reports an unclosed flow collection this way, without a position: point at the end.
            var lines = text.Split('\n').Length;
            errors.Add(new CatalogueError(file, lines, 1, null, "YAML syntax: the file ends inside an unclosed [ … ] or { … }"));
            return null;
        }
    }

    public T Bind<T>(YamlNode node) where T : class, new() => (T)Bind(typeof(T), node)!;

    private object? Bind(Type type, YamlNode node)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(Scalar)) return BindScalar(node);
        if (underlying == typeof(string)) return BindScalar(node)?.Text;
        if (underlying == typeof(decimal)) return BindNumber(node);
        if (underlying == typeof(bool)) return BindBool(node);
        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(List<>))
            return BindList(underlying, node);
        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            return BindDictionary(underlying, node);
        return BindObject(underlying, node);
    }

    private Scalar? BindScalar(YamlNode node)
    {
        if (node is YamlScalarNode s)
        {
            var quoted = s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
            return new Scalar(s.Value ?? "", At(node), quoted);
        }
        Error(node, $"expected a single value, found a {Describe(node)}");
        return null;
    }

    private decimal? BindNumber(YamlNode node)
    {
        var s = BindScalar(node);
        if (s is null) return null;
        if (decimal.TryParse(s.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        Error(node, $"expected a number, found '{s.Text}'");
        return null;
    }

    private bool? BindBool(YamlNode node)
    {
        var s = BindScalar(node);
        if (s is null) return null;
        if (s.Text is "true" or "false") return s.Text == "true";
        Error(node, $"expected true or false, found '{s.Text}'");
        return null;
    }

    private IList? BindList(Type listType, YamlNode node)
    {
        var list = (IList)Activator.CreateInstance(listType)!;
        var element = listType.GetGenericArguments()[0];
        if (node is not YamlSequenceNode seq)
        {
            // A single value where a list is expected is read as a list of one (e.g. `industries: D45`).
            if (node is YamlScalarNode && IsScalarType(element)) { list.Add(Bind(element, node)); return list; }
            Error(node, $"expected a list, found a {Describe(node)}");
            return null;
        }
        foreach (var child in seq.Children)
        {
            var value = Bind(element, child);
            if (value is not null) list.Add(value);
        }
        return list;
    }

    private IDictionary? BindDictionary(Type dictType, YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, $"expected a mapping, found a {Describe(node)}");
            return null;
        }
        var dict = (IDictionary)Activator.CreateInstance(dictType)!;
        var valueType = dictType.GetGenericArguments()[1];
        foreach (var (k, v) in map.Children)
        {
            var key = ((YamlScalarNode)k).Value ?? "";
            if (dict.Contains(key)) { Error(k, $"duplicate key '{key}'"); continue; }
            var value = Bind(valueType, v);
            if (value is not null) dict[key] = value;
        }
        return dict;
    }

    private object? BindObject(Type type, YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, $"expected a mapping, found a {Describe(node)}");
            return null;
        }
        var target = Activator.CreateInstance(type)!;
        if (target is IPositioned p) p.Position = At(node);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? "";
            if (!seen.Add(key)) { Error(k, $"duplicate key '{key}'"); continue; }
            var property = FindProperty(type, key);
            if (property is null)
            {
                Error(k, $"unknown key '{key}'; expected one of: {string.Join(", ", KeysOf(type))}");
                continue;
            }
            if (IsNull(v) && Nullable.GetUnderlyingType(property.PropertyType) is null && property.PropertyType.IsValueType) continue;
            if (IsNull(v)) continue;
            SetterOf(property)(target, Bind(property.PropertyType, v));
        }
        return target;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<PropertyInfo, Action<object, object?>> Setters = new();

    // A delegate to the property's setter, made once per property. PropertyInfo.SetValue emits and JIT-compiles an
    // invoke stub for each property it is called on twice: some 250 stubs, every time a process loads a catalogue.
    // Like SetValue, null sets a value-type property to its default.
    private static Action<object, object?> SetterOf(PropertyInfo property) => Setters.GetOrAdd(property, static p =>
        (Action<object, object?>)typeof(YamlBinder).GetMethod(nameof(MakeSetter), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(p.DeclaringType!, p.PropertyType).Invoke(null, [p])!);

    private static Action<object, object?> MakeSetter<TTarget, TValue>(PropertyInfo property)
    {
        var set = property.SetMethod!.CreateDelegate<Action<TTarget, TValue>>();
        return (target, value) => set((TTarget)target, value is null ? default! : (TValue)value);
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: "" or "~" or "null" };

    private static bool IsScalarType(Type t) =>
        t == typeof(string) || t == typeof(Scalar) || t == typeof(decimal) || t == typeof(bool);

    private static PropertyInfo? FindProperty(Type type, string key) =>
        type.GetProperty(ToPascal(key), BindingFlags.Public | BindingFlags.Instance) is { CanWrite: true } p
        && p.Name != nameof(IPositioned.Position) ? p : null;

    private static IEnumerable<string> KeysOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.Name != nameof(IPositioned.Position))
            .Select(p => ToSnake(p.Name));

    internal static string ToPascal(string key)
    {
        var sb = new StringBuilder(key.Length);
        var upper = true;
        foreach (var c in key)
        {
            if (c is '_' or '-') { upper = true; continue; }
            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return sb.ToString();
    }

    private static string ToSnake(string name)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }

    private SourcePosition At(YamlNode node) => new(file, (int)node.Start.Line, (int)node.Start.Column);

    private void Error(YamlNode node, string message) =>
        errors.Add(new CatalogueError(file, (int)node.Start.Line, (int)node.Start.Column, null, message));

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "value",
    };
}
