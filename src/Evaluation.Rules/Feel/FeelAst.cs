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

/// <summary>One entry of a context literal: a key (a name or a string) and its value expression.</summary>
public sealed record ContextEntry(string Key, FeelExpr Value, FeelPosition Position);

/// <summary>A context literal <c>{a: 1, b: a + 1}</c>: each entry sees the entries before it.</summary>
public sealed record ContextExpr(IReadOnlyList<ContextEntry> Entries, FeelPosition Position) : FeelExpr(Position);

/// <summary>A path <c>x.member</c>: a context entry, a temporal or range property, or the member of each list item.</summary>
public sealed record PathExpr(FeelExpr Target, string Member, FeelPosition Position) : FeelExpr(Position);

/// <summary>A filter <c>list[condition]</c> (items for which it holds, names are the item's entries and <c>item</c>) or <c>list[index]</c>.</summary>
public sealed record FilterExpr(FeelExpr Target, FeelExpr Filter, FeelPosition Position) : FeelExpr(Position);

/// <summary>One <c>name in domain</c> of a for or quantified expression; the domain is a list or a range of integers.</summary>
public sealed record FeelIteration(string Name, FeelExpr Domain, FeelPosition Position)
{
    /// <summary>Set for the bare <c>for i in a..b</c> form, which may count down; a range value such as <c>[3..1]</c> may not.</summary>
    public bool CountsDown { get; init; }
}

/// <summary><c>for i in domain, j in domain return body</c>: the list of the body's values; <c>partial</c> holds the results so far.</summary>
public sealed record ForExpr(IReadOnlyList<FeelIteration> Iterations, FeelExpr Body, FeelPosition Position) : FeelExpr(Position);

/// <summary><c>some/every x in domain satisfies condition</c>.</summary>
public sealed record QuantifiedExpr(bool Every, IReadOnlyList<FeelIteration> Iterations, FeelExpr Condition, FeelPosition Position)
    : FeelExpr(Position);

/// <summary>A function definition <c>function(a, b) body</c>, a value closed over the names in scope.</summary>
public sealed record FunctionExpr(IReadOnlyList<string> Parameters, FeelExpr Body, FeelPosition Position) : FeelExpr(Position);

/// <summary>The call of a function value that is not a built-in name: <c>(function(a) a)(10)</c>, <c>f(1)</c>.</summary>
public sealed record InvokeExpr(FeelExpr Callee, IReadOnlyList<FeelArgument> Arguments, FeelPosition Position) : FeelExpr(Position);

/// <summary>A unary test written as a value, <c>(&lt; 10)</c>: a range with an open end (DMN 1.5).</summary>
public sealed record UnaryTestExpr(FeelBinaryOperator Operator, FeelExpr Operand, FeelPosition Position) : FeelExpr(Position);

/// <summary><c>x instance of type</c>.</summary>
public sealed record InstanceOfExpr(FeelExpr Value, FeelTypeSpec Type, FeelPosition Position) : FeelExpr(Position);

/// <summary>
/// A type as written after <c>instance of</c>: a name (<c>number</c>, <c>date and time</c>, <c>Any</c>), with type
/// arguments for <c>list&lt;T&gt;</c> and <c>range&lt;T&gt;</c>, fields for <c>context&lt;a: T&gt;</c>, and a result for functions.
/// </summary>
public sealed record FeelTypeSpec(string Name, IReadOnlyList<FeelTypeSpec> Arguments, IReadOnlyList<KeyValuePair<string, FeelTypeSpec>> Fields, FeelTypeSpec? Result);
