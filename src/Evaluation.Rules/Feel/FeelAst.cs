namespace Evaluation.Rules.Feel;

/// <summary>A node of a parsed FEEL expression.</summary>
public abstract record FeelExpr(FeelPosition Position);

/// <summary>A decimal literal such as <c>0.95</c>.</summary>
public sealed record NumberLiteral(decimal Value, FeelPosition Position) : FeelExpr(Position);

/// <summary>A string literal, escapes already resolved.</summary>
public sealed record StringLiteral(string Value, FeelPosition Position) : FeelExpr(Position);

/// <summary><c>true</c> or <c>false</c>.</summary>
public sealed record BooleanLiteral(bool Value, FeelPosition Position) : FeelExpr(Position);

/// <summary><c>null</c>.</summary>
public sealed record NullLiteral(FeelPosition Position) : FeelExpr(Position);

/// <summary>A reference to an input, parameter or derived value.</summary>
public sealed record NameExpr(string Name, FeelPosition Position) : FeelExpr(Position);

/// <summary>A list literal <c>[a, b]</c>.</summary>
public sealed record ListExpr(IReadOnlyList<FeelExpr> Items, FeelPosition Position) : FeelExpr(Position);

/// <summary>A range literal such as <c>[a..b)</c>.</summary>
public sealed record RangeExpr(FeelExpr Start, bool StartIncluded, FeelExpr End, bool EndIncluded, FeelPosition Position)
    : FeelExpr(Position);

/// <summary>Arithmetic negation <c>-x</c>.</summary>
public sealed record NegateExpr(FeelExpr Operand, FeelPosition Position) : FeelExpr(Position);

/// <summary>Binary operators of the subset.</summary>
public enum FeelBinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Power,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
}

/// <summary>An arithmetic, comparison or logical operation.</summary>
public sealed record BinaryExpr(FeelBinaryOperator Operator, FeelExpr Left, FeelExpr Right, FeelPosition Position)
    : FeelExpr(Position);

/// <summary><c>x between low and high</c>.</summary>
public sealed record BetweenExpr(FeelExpr Value, FeelExpr Low, FeelExpr High, FeelPosition Position) : FeelExpr(Position);

/// <summary><c>x in test</c> or <c>x in (test, test)</c>: true if any test holds.</summary>
public sealed record InExpr(FeelExpr Value, IReadOnlyList<UnaryTest> Tests, FeelPosition Position) : FeelExpr(Position);

/// <summary><c>if c then a else b</c>.</summary>
public sealed record IfExpr(FeelExpr Condition, FeelExpr Then, FeelExpr Else, FeelPosition Position) : FeelExpr(Position);

/// <summary>A call of a built-in function, with positional or named arguments.</summary>
public sealed record CallExpr(string Function, IReadOnlyList<FeelArgument> Arguments, FeelPosition Position)
    : FeelExpr(Position);

/// <summary>One argument of a call; <see cref="Name"/> is set for a named argument.</summary>
public sealed record FeelArgument(string? Name, FeelExpr Value);

/// <summary>One test of a unary-tests cell or of an <c>in</c> expression.</summary>
public abstract record UnaryTest(FeelPosition Position);

/// <summary>A comparison with the input: <c>&lt; 5</c>, <c>&gt;= 0.95</c>, <c>!= "D"</c>.</summary>
public sealed record ComparisonTest(FeelBinaryOperator Operator, FeelExpr Operand, FeelPosition Position)
    : UnaryTest(Position);

/// <summary>A plain value: equal to it, or a member of it when it is a list or range.</summary>
public sealed record ValueTest(FeelExpr Value, FeelPosition Position) : UnaryTest(Position);

/// <summary>A decision-table cell: "-" matches anything, otherwise any test (negated by <c>not(...)</c>).</summary>
public sealed record UnaryTests(IReadOnlyList<UnaryTest> Tests, bool Negated, bool MatchesAnything, FeelPosition Position);
