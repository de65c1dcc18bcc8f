namespace Evaluation.Rules.Feel;

/// <summary>Parses FEEL-subset expressions and decision-table cells.</summary>
public static class FeelParser
{
    /// <summary>Parses an expression; throws <see cref="FeelException"/> listing every error found.</summary>
    public static FeelExpr ParseExpression(string text) => ParseExpression(text, []);

    /// <summary>
    /// Parses an expression in which the given multi-word names (e.g. DMN's "Monthly Salary") are single names.
    /// </summary>
    public static FeelExpr ParseExpression(string text, IReadOnlyCollection<string> multiWordNames)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new FeelSyntax(text, multiWordNames);
        return parser.Finish(parser.TopLevel(parser.Expression));
    }

    /// <summary>Parses a decision-table cell: <c>-</c>, <c>not(...)</c> or a comma list of tests.</summary>
    public static UnaryTests ParseUnaryTests(string text) => ParseUnaryTests(text, []);

    /// <summary>Parses a decision-table cell that may mention the given multi-word names.</summary>
    public static UnaryTests ParseUnaryTests(string text, IReadOnlyCollection<string> multiWordNames)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new FeelSyntax(text, multiWordNames);
        return parser.Finish(parser.TopLevel(parser.UnaryTestsCell));
    }
}
