using System.Globalization;

namespace Evaluation.Rules.Feel;

/// <summary>
/// External functions, <c>function(x) external {java: {class: "java.lang.Math", method signature: "cos(double)"}}</c>.
/// There is no Java here: a fixed set of the JDK's static methods the DMN TCK names (java.lang.Math, the boxed
/// number types' valueOf, String.valueOf and String.format) is mapped to .NET; any other class or method
/// (and every PMML mapping) gives null, as an unresolvable external function does.
/// </summary>
internal static partial class FeelLibrary
{
    public static object? External(object? mapping, object? arguments)
    {
        if (mapping is not FeelContext m || m.GetValueOrDefault("java") is not FeelContext java
            || java.GetValueOrDefault("class") is not string type || java.GetValueOrDefault("method signature") is not string signature
            || arguments is not IReadOnlyList<object?> args)
            return null;
        var open = signature.IndexOf('(', StringComparison.Ordinal);
        if (open < 0 || !signature.EndsWith(')')) return null;
        var method = signature[..open].Trim();
        var parameters = signature[(open + 1)..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var variadic = parameters.Length > 0 && parameters[^1].StartsWith('[');
        if (variadic ? args.Count < parameters.Length - 1 : args.Count != parameters.Length) return null;
        try
        {
            return Java(type, method, parameters, args);
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException)
        {
            return null;
        }
    }

    private static object? Java(string type, string method, string[] parameters, IReadOnlyList<object?> args)
    {
        switch (type, method)
        {
            case ("java.lang.Math", _) when parameters.All(p => p is "double" or "float" or "int" or "long"):
                if (args.Any(a => a is not decimal)) return null;
                var numbers = args.Select(a => (decimal)a!).ToArray();
                return (method, parameters[0], numbers.Length) switch
                {
                    ("max", "int" or "long", 2) => decimal.Truncate(Math.Max(numbers[0], numbers[1])),
                    ("min", "int" or "long", 2) => decimal.Truncate(Math.Min(numbers[0], numbers[1])),
                    ("max", "float", 2) => (decimal)Math.Max((float)numbers[0], (float)numbers[1]),
                    ("min", "float", 2) => (decimal)Math.Min((float)numbers[0], (float)numbers[1]),
                    ("max", _, 2) => (decimal)Math.Max((double)numbers[0], (double)numbers[1]),
                    ("min", _, 2) => (decimal)Math.Min((double)numbers[0], (double)numbers[1]),
                    ("abs", _, 1) => Math.Abs(numbers[0]),
                    ("cos", _, 1) => Real(Math.Cos((double)numbers[0])),
                    ("sin", _, 1) => Real(Math.Sin((double)numbers[0])),
                    ("tan", _, 1) => Real(Math.Tan((double)numbers[0])),
                    ("sqrt", _, 1) => Real(Math.Sqrt((double)numbers[0])),
                    ("exp", _, 1) => Real(Math.Exp((double)numbers[0])),
                    ("log", _, 1) => Real(Math.Log((double)numbers[0])),
                    ("pow", _, 2) => Real(Math.Pow((double)numbers[0], (double)numbers[1])),
                    ("floor", _, 1) => decimal.Floor(numbers[0]),
                    ("ceil", _, 1) => decimal.Ceiling(numbers[0]),
                    _ => null,
                };
            case ("java.lang.Integer" or "java.lang.Long" or "java.lang.Short" or "java.lang.Byte", "valueOf") when parameters.Length == 1:
                var whole = args[0] switch
                {
                    string s when parameters[0] == "java.lang.String" => decimal.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
                    decimal d when parameters[0] is "int" or "long" or "short" or "byte" && d == decimal.Truncate(d) => d,
                    _ => (decimal?)null,
                };
                return whole;
            case ("java.lang.Double" or "java.lang.Float", "valueOf") when parameters.Length == 1:
                return args[0] switch
                {
                    string s when parameters[0] == "java.lang.String" => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
                    decimal d when parameters[0] is "double" or "float" => d,
                    _ => null,
                };
            case ("java.lang.String", "valueOf") when parameters.Length == 1:
                return parameters[0] == "char" ? args[0] is string { Length: 1 } c ? c : null : FeelRuntime.Show(args[0]);
            case ("java.lang.String", "format") when parameters is ["java.lang.String", "[Ljava.lang.Object;"] && args[0] is string format:
                var rest = args.Skip(1).ToList();
                var at = 0;
                var failed = false;
                var text = System.Text.RegularExpressions.Regex.Replace(format, "%[sd]", _ =>
                {
                    if (at >= rest.Count) { failed = true; return ""; }
                    var v = rest[at++];
                    return v as string ?? FeelRuntime.Show(v) ?? "null";
                });
                return failed ? null : text;
            default:
                return null;
        }
    }

    private static decimal? Real(double value) => double.IsFinite(value) ? (decimal)value : null;
}
