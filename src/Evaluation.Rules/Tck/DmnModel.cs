using System.Xml.Linq;
using Evaluation.Rules.Feel;

namespace Evaluation.Rules.Tck;

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

    /// <summary>The FEEL type of a typeRef; structured item definitions are outside the subset.</summary>
    public FeelType TypeOf(string? typeRef)
    {
        switch (typeRef)
        {
            case null or "" or "Any": return FeelType.Any;
            case "number": return FeelType.Number;
            case "string": return FeelType.String;
            case "boolean": return FeelType.Boolean;
            case "date": return FeelType.Date;
        }
        if (!_itemDefinitions.TryGetValue(typeRef, out var definition))
            throw new TckUnsupportedException($"type '{typeRef}' is outside the subset");
        if (Children(definition, "itemComponent").Any() || (string?)definition.Attribute("isCollection") == "true")
            throw new TckUnsupportedException($"item definitions/contexts not supported (type '{typeRef}')");
        return TypeOf(Child(definition, "typeRef")?.Value);
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
