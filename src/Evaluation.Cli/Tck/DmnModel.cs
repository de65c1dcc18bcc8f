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

    private DmnModel(XElement root)
    {
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
        Names = root.Descendants()
            .Where(e => e.Name.LocalName is "variable" or "formalParameter" or "column" or "itemComponent" or "parameter"
                or "inputData" or "decision" or "businessKnowledgeModel" or "decisionService" or "itemDefinition")
            .Select(e => (string?)e.Attribute("name"))
            .Concat(root.Descendants().Select(e => (string?)e.Attribute("iteratorVariable")))
            .OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
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

    public static DmnModel Load(string path) => new(XDocument.Load(path).Root!);

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

    public static IEnumerable<XElement> Children(XElement e, string localName) => e.Elements().Where(c => c.Name.LocalName == localName);

    public static XElement? Child(XElement e, string localName) => Children(e, localName).FirstOrDefault();
}
