using System.Xml.Linq;
using Evaluation.Rules.Feel;

namespace Evaluation.Cli.Tck;

/// <summary>Thrown when a TCK case needs something outside the supported subset; the message is the reason.</summary>
internal sealed class TckUnsupportedException(string reason) : Exception(reason);

/// <summary>A decision; <see cref="Logic"/> is null when it has none (its value is then null).</summary>
internal sealed record DmnDecision(string Name, string? TypeRef, XElement? Logic);

/// <summary>The parts of a DMN model the runner understands: input data, decisions and simple item definitions.</summary>
internal sealed class DmnModel
{
    private readonly Dictionary<string, XElement> _itemDefinitions;

    private DmnModel(XElement root, string? directory = null, HashSet<string>? loading = null)
    {
        // Imported DMN models (same folder, found by namespace): their elements are named "import.element".
        Imports = new Dictionary<string, DmnModel>(StringComparer.Ordinal);
        loading ??= new HashSet<string>(StringComparer.Ordinal);
        Namespace = (string?)root.Attribute("namespace") ?? "";
        loading.Add(Namespace);
        foreach (var import in Children(root, "import"))
        {
            var ns = (string?)import.Attribute("namespace") ?? "";
            var prefix = (string?)import.Attribute("name") ?? "";
            if (directory is null || loading.Contains(ns)) continue;
            var file = Directory.EnumerateFiles(directory, "*.dmn").Order(StringComparer.Ordinal)
                .Select(f => XDocument.Load(f).Root!).FirstOrDefault(r => (string?)r.Attribute("namespace") == ns);
            if (file is not null) Imports[prefix] = new DmnModel(file, directory, loading);
        }
        // Only the models being loaded above this one guard against a cycle; a sibling may import the same model.
        loading.Remove(Namespace);
        _itemDefinitions = Children(root, "itemDefinition").Where(e => e.Attribute("name") is not null)
            .GroupBy(e => (string)e.Attribute("name")!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        Inputs = Children(root, "inputData").ToDictionary(
            e => (string)e.Attribute("name")!, e => (string?)Child(e, "variable")?.Attribute("typeRef"), StringComparer.Ordinal);
        Decisions = Children(root, "decision").ToDictionary(
            e => (string)e.Attribute("name")!, ToDecision, StringComparer.Ordinal);
        Knowledge = Children(root, "businessKnowledgeModel").ToDictionary(e => (string)e.Attribute("name")!, StringComparer.Ordinal);
        Services = Children(root, "decisionService").ToDictionary(e => (string)e.Attribute("name")!, StringComparer.Ordinal);
        ById = root.Elements().Where(e => e.Attribute("id") is not null && e.Attribute("name") is not null)
            .GroupBy(e => (string)e.Attribute("id")!).ToDictionary(g => g.Key, g => (string)g.First().Attribute("name")!, StringComparer.Ordinal);
        // Every name the model binds (variables, parameters, context entries, columns, components): DMN names
        // may contain spaces, so the parser must know them all.
        var names = root.Descendants()
            .Where(e => e.Name.LocalName is "variable" or "formalParameter" or "column" or "itemComponent" or "parameter"
                or "inputData" or "decision" or "businessKnowledgeModel" or "decisionService" or "itemDefinition")
            .Select(e => (string?)e.Attribute("name"))
            .Concat(root.Descendants().Select(e => (string?)e.Attribute("iteratorVariable")))
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        // "Person.Gender" (a BKM parameter) is a path where Person is a name: such names are read as one name only
        // where they are bound (the evaluator adds them per scope).
        var plain = Inputs.Keys.Concat(Decisions.Keys).Concat(Knowledge.Keys).Concat(Services.Keys).ToHashSet(StringComparer.Ordinal);
        names.AddRange(Imports.SelectMany(i => i.Value.Names.Concat(i.Value.Inputs.Keys).Concat(i.Value.Decisions.Keys)
            .Concat(i.Value.Knowledge.Keys).Concat(i.Value.Services.Keys).Select(n => i.Key + "." + n)));
        Names = names.Where(n => !(n.Contains('.', StringComparison.Ordinal) && plain.Contains(n[..n.IndexOf('.', StringComparison.Ordinal)]))).ToArray();
    }

    public Dictionary<string, string?> Inputs { get; }

    public Dictionary<string, DmnDecision> Decisions { get; }

    /// <summary>Business knowledge models by name: functions the decisions invoke.</summary>
    public Dictionary<string, XElement> Knowledge { get; }

    /// <summary>Decision services by name: functions over their input decisions and input data.</summary>
    public Dictionary<string, XElement> Services { get; }

    /// <summary>The name of the DRG element with an id (hrefs are "#id").</summary>
    public Dictionary<string, string> ById { get; }

    /// <summary>The name an href ("#id") points at.</summary>
    public string NameOf(XElement reference)
    {
        var href = ((string?)reference.Attribute("href") ?? "").TrimStart('#');
        return ById.TryGetValue(href, out var name) ? name : throw new TckUnsupportedException($"reference '{href}' is outside this model (imports are outside the subset)");
    }

    /// <summary>Every name the model binds; DMN names may contain spaces, so the parser must know them.</summary>
    public IReadOnlyCollection<string> Names { get; }

    private readonly Dictionary<XElement, Func<Func<string, object?>, object?>> _compiled = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<XElement, Func<object?, Func<string, object?>, bool>> _compiledTests = new(ReferenceEqualityComparer.Instance);

    /// <summary>The compiled FEEL text of an element: compiled once per model, reused by every test case.</summary>
    public Func<Func<string, object?>, object?> Compiled(XElement text, Func<Func<Func<string, object?>, object?>> compile)
    {
        if (!_compiled.TryGetValue(text, out var compiled)) _compiled[text] = compiled = compile();
        return compiled;
    }

    /// <summary>The compiled unary tests of a decision-table cell, compiled once per model.</summary>
    public Func<object?, Func<string, object?>, bool> CompiledTests(XElement cell, Func<Func<object?, Func<string, object?>, bool>> compile)
    {
        if (!_compiledTests.TryGetValue(cell, out var compiled)) _compiledTests[cell] = compiled = compile();
        return compiled;
    }

    public static DmnModel Load(string path) => new(XDocument.Load(path).Root!, Path.GetDirectoryName(Path.GetFullPath(path)));

    /// <summary>The model's namespace: a test case names an imported model's input data by it.</summary>
    public string Namespace { get; }

    /// <summary>Imported models by import name.</summary>
    public Dictionary<string, DmnModel> Imports { get; }

    /// <summary>An imported model and the element's own name, for "import.element".</summary>
    public (DmnModel Model, string Name)? Imported(string? name)
    {
        if (name is null) return null;
        foreach (var (prefix, model) in Imports)
        {
            if (name.Length > prefix.Length + 1 && name.StartsWith(prefix + ".", StringComparison.Ordinal)) return (model, name[(prefix.Length + 1)..]);
        }
        return null;
    }

    private static DmnDecision ToDecision(XElement e)
    {
        var logic = e.Elements().FirstOrDefault(c => c.Name.LocalName is not ("variable" or "informationRequirement"
            or "knowledgeRequirement" or "authorityRequirement" or "description" or "extensionElements" or "question" or "allowedAnswers"));
        return new DmnDecision((string)e.Attribute("name")!, (string?)Child(e, "variable")?.Attribute("typeRef"),
            logic);
    }

    /// <summary>The FEEL type of a typeRef: a built-in type, or an item definition (a structure is a context).</summary>
    public FeelType TypeOf(string? typeRef)
    {
        switch (typeRef?.Replace("feel:", "", StringComparison.Ordinal))
        {
            case null or "" or "Any": return FeelType.Any;
            case "number": return FeelType.Number;
            case "string": return FeelType.String;
            case "boolean": return FeelType.Boolean;
            case "date": return FeelType.Date;
            case "time": return FeelType.Time;
            case "dateTime" or "date and time": return FeelType.DateTime;
            case "dayTimeDuration" or "days and time duration": return FeelType.DaysTimeDuration;
            case "yearMonthDuration" or "years and months duration": return FeelType.YearsMonthsDuration;
            case "context": return FeelType.Context;
        }
        if (Imported(typeRef) is var (imported, local)) return imported.TypeOf(local);
        if (!_itemDefinitions.TryGetValue(typeRef!, out var definition))
            throw new TckUnsupportedException($"type '{typeRef}' is outside the subset");
        var item = Children(definition, "itemComponent").Any() ? FeelType.Context : TypeOf(Child(definition, "typeRef")?.Value);
        return (string?)definition.Attribute("isCollection") == "true" ? FeelType.ListOf(item) : item;
    }

    /// <summary>Like <see cref="TypeOf"/>, but a structured type (e.g. a multi-output table's result) is just Any.</summary>
    public FeelType LooseTypeOf(string? typeRef)
    {
        try
        {
            return TypeOf(typeRef);
        }
        catch (TckUnsupportedException)
        {
            return FeelType.Any;
        }
    }

    // ---- DMN type conformance (item definitions are structural types) ----

    private static readonly Dictionary<string, FeelTypeKind> BuiltIn = new(StringComparer.Ordinal)
    {
        ["number"] = FeelTypeKind.Number, ["string"] = FeelTypeKind.String, ["boolean"] = FeelTypeKind.Boolean,
        ["date"] = FeelTypeKind.Date, ["time"] = FeelTypeKind.Time, ["dateTime"] = FeelTypeKind.DateTime,
        ["date and time"] = FeelTypeKind.DateTime, ["dayTimeDuration"] = FeelTypeKind.DaysTimeDuration,
        ["days and time duration"] = FeelTypeKind.DaysTimeDuration, ["yearMonthDuration"] = FeelTypeKind.YearsMonthsDuration,
        ["years and months duration"] = FeelTypeKind.YearsMonthsDuration, ["context"] = FeelTypeKind.Context,
        ["function"] = FeelTypeKind.Function, ["list"] = FeelTypeKind.List, ["range"] = FeelTypeKind.Range,
    };

    /// <summary>Whether a type name is a function type (an item definition with a functionItem).</summary>
    public bool IsFunctionType(string name) =>
        name == "function" || (_itemDefinitions.TryGetValue(name, out var d) && Child(d, "functionItem") is not null);

    /// <summary>Whether the model knows a type name (a FEEL type or one of its item definitions).</summary>
    public bool IsTypeName(string name) => _itemDefinitions.ContainsKey(name) || (Imported(name) is var (m, n) && m.IsTypeName(n));

    /// <summary>
    /// DMN's conformance of a value to a declared type: a value that does not conform is null, a singleton list
    /// is its item where one value is declared, and a value a one-item list where a collection is.
    /// Unknown type names accept anything.
    /// </summary>
    public object? Conform(object? value, string? typeRef)
    {
        var name = typeRef?.Replace("feel:", "", StringComparison.Ordinal);
        if (value is null || name is null or "" or "Any") return value;
        var collection = IsCollection(name);
        if (collection is null) return value;
        if (collection == false && value is IReadOnlyList<object?> { Count: 1 } single) value = single[0];
        if (collection == true && value is not IReadOnlyList<object?>) value = new[] { value };
        return Conforms(value, name) == false ? null : value;
    }

    private bool? IsCollection(string name) =>
        Imported(name) is var (imported, local) ? imported.IsCollection(local)
        : BuiltIn.TryGetValue(name, out var kind) ? kind == FeelTypeKind.List
        : _itemDefinitions.TryGetValue(name, out var d) ? (string?)d.Attribute("isCollection") == "true"
            || (!Children(d, "itemComponent").Any() && Child(d, "typeRef") is { } t && IsCollection(t.Value.Trim()) == true)
        : null;

    /// <summary>Whether a value conforms to a type name; null when the name is unknown.</summary>
    public bool? Conforms(object? value, string name) => Conforms(value, name, 0);

    /// <summary>
    /// <c>value instance of T</c> for an item definition: its structure and base type; allowed values are a
    /// constraint on values, not part of the type (the TCK has 256 instance of t255 true).
    /// </summary>
    public bool? IsInstance(object? value, string name)
    {
        _ignoreAllowedValues = true;
        try
        {
            return value is null ? false : Conforms(value, name, 0);
        }
        finally
        {
            _ignoreAllowedValues = false;
        }
    }

    private bool _ignoreAllowedValues;

    private bool? Conforms(object? value, string name, int depth)
    {
        name = name.Replace("feel:", "", StringComparison.Ordinal);
        if (value is null || name == "Any") return true;
        if (depth > 32) return null;
        if (BuiltIn.TryGetValue(name, out var kind)) return FeelType.Of(value).Kind == kind;
        if (Imported(name) is var (imported, local)) return imported.Conforms(value, local, depth + 1);
        if (!_itemDefinitions.TryGetValue(name, out var d)) return null;
        if ((string?)d.Attribute("isCollection") == "true")
            return value is IReadOnlyList<object?> items && items.All(i => ConformsItem(i, d, depth) != false);
        return ConformsItem(value, d, depth);
    }

    // One item of an item definition (its collection flag aside): components, a function, or a base type
    // with allowed values.
    private bool? ConformsItem(object? value, XElement definition, int depth)
    {
        if (value is null) return true;
        var components = Children(definition, "itemComponent").ToList();
        if (components.Count > 0)
        {
            if (value is not FeelContext context) return false;
            foreach (var component in components)
            {
                var key = (string)component.Attribute("name")!;
                if (!context.TryGetValue(key, out var entry)) return false;
                var ok = Child(component, "typeRef") is { } t ? Conforms(entry, t.Value.Trim(), depth + 1)
                    : (string?)component.Attribute("isCollection") == "true" ? entry is null or IReadOnlyList<object?> && (entry as IReadOnlyList<object?>)!.All(i => ConformsItem(i, component, depth + 1) != false)
                    : ConformsItem(entry, component, depth + 1);
                if (ok == false) return false;
            }
            return true;
        }
        if (Child(definition, "functionItem") is not null) return value is FeelFunction;
        if (Child(definition, "typeRef") is { } typeRef && Conforms(value, typeRef.Value.Trim(), depth + 1) == false) return false;
        if (!_ignoreAllowedValues && Child(definition, "allowedValues") is { } allowed)
        {
            var tests = FeelParser.ParseUnaryTests(Child(allowed, "text")?.Value ?? "-", Names);
            if (!FeelInterpreter.Test(tests, value, _ => null)) return false;
        }
        return true;
    }

    public static IEnumerable<XElement> Children(XElement e, string localName) => e.Elements().Where(c => c.Name.LocalName == localName);

    public static XElement? Child(XElement e, string localName) => Children(e, localName).FirstOrDefault();
}
