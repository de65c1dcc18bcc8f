using System.Xml.Linq;
using Evaluation.Rules.Feel;

namespace Evaluation.Cli.Tck;

/// <summary>Thrown when a TCK case needs something outside the supported subset; the message is the reason.</summary>
internal sealed class TckUnsupportedException(string reason) : Exception(reason);

internal sealed record DmnDecision(string Name, string? TypeRef, XElement Logic);

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
        Names = Inputs.Keys.Concat(Decisions.Keys).ToArray();
    }

    public Dictionary<string, string?> Inputs { get; }

    public Dictionary<string, DmnDecision> Decisions { get; }

    /// <summary>Every input and decision name: DMN names may contain spaces, so the parser must know them.</summary>
    public IReadOnlyCollection<string> Names { get; }

    public static DmnModel Load(string path) => new(XDocument.Load(path).Root!);

    private static DmnDecision ToDecision(XElement e)
    {
        var logic = e.Elements().FirstOrDefault(c => c.Name.LocalName is not ("variable" or "informationRequirement"
            or "knowledgeRequirement" or "authorityRequirement" or "description" or "extensionElements" or "question" or "allowedAnswers"));
        return new DmnDecision((string)e.Attribute("name")!, (string?)Child(e, "variable")?.Attribute("typeRef"),
            logic ?? throw new TckUnsupportedException($"decision '{e.Attribute("name")}' has no decision logic"));
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
