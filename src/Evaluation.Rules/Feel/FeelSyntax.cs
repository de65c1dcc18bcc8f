namespace Evaluation.Rules.Feel;

/// <summary>
/// Recursive-descent parser. Errors are recorded and parsing resumes at the next list or argument separator,
/// so one run reports every error it can; "outside the subset" errors name the FEEL feature that was left out.
/// </summary>
internal sealed class FeelSyntax
{
    private sealed class ParseAbortException : Exception;

    private static readonly HashSet<string> Reserved =
        ["and", "or", "between", "in", "then", "else", "instance", "satisfies", "return"];

    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly List<FeelDiagnostic> _diagnostics = [];
    private readonly List<string> _multiWordNames;
    private int _index;
    private bool _inRangeEnd;

    public FeelSyntax(string text, IReadOnlyCollection<string> multiWordNames)
    {
        _text = text;
        _tokens = FeelLexer.Tokenize(text, _diagnostics);
        _multiWordNames = multiWordNames
            .Concat(FeelFunctions.AllKnownNames)
            .Select(n => string.Join(' ', n.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .Where(n => n.Length > 0 && FeelLexer.IsNameStart(n[0]) && !n.All(FeelLexer.IsNamePart))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(n => n.Length)
            .ToList();
    }

    private Token Current => _tokens[_index];

    private FeelPosition Pos(Token token) => FeelPosition.At(_text, token.Offset);

    /// <summary>
    /// Brackets and prefix operators nested deeper than this are refused before parsing: every later pass
    /// (type check, compile, interpret) recurses on the tree, and 10,000 nested brackets would overflow the
    /// stack and end the process (the catalogue is data someone edits). No real rule comes near it.
    /// </summary>
    public const int MaxNesting = 64;

    public T? TopLevel<T>(Func<T> parse) where T : class
    {
        try
        {
            CheckNesting();
            var result = parse();
            if (Current.Kind != TokenKind.End) Fail(Current, $"unexpected '{Current.Text}'");
            return result;
        }
        catch (ParseAbortException)
        {
            return null;
        }
    }

    private void CheckNesting()
    {
        var (depth, prefixRun) = (0, 0);
        foreach (var t in _tokens)
        {
            if (t.Kind == TokenKind.Symbol && t.Text is "(" or "[" or "{") depth++;
            else if (t.Kind == TokenKind.Symbol && t.Text is ")" or "]" or "}") depth--;
            prefixRun = (t.Kind == TokenKind.Symbol && t.Text == "-") || (t.Kind == TokenKind.Name && t.Text is "not" or "if") ? prefixRun + 1 : 0;
            if (depth > MaxNesting || prefixRun > MaxNesting)
                throw Fail(t, $"expression nested too deeply (more than {MaxNesting} levels)");
        }
    }

    public T Finish<T>(T? result) where T : class =>
        _diagnostics.Count == 0 && result is not null
            ? result
            : throw new FeelException(_diagnostics.OrderBy(d => d.Position.Offset).ToList());

    // ---- unary tests -------------------------------------------------------------------------------------

    public UnaryTests UnaryTestsCell()
    {
        var start = Current;
        if (start.Kind == TokenKind.End) Fail(start, "empty unary tests; write '-' to match anything");
        if (IsSymbol("-") && _tokens[_index + 1].Kind == TokenKind.End)
        {
            _index++;
            return new UnaryTests([], false, true, Pos(start));
        }
        if (IsName("not") && _tokens[_index + 1].Text == "(" && _tokens[_index + 1].Kind == TokenKind.Symbol)
        {
            _index += 2;
            var negated = TestList(")");
            Expect(")");
            return new UnaryTests(negated, true, false, Pos(start));
        }
        return new UnaryTests(TestList(null), false, false, Pos(start));
    }

    private List<UnaryTest> TestList(string? close)
    {
        var tests = new List<UnaryTest>();
        do
        {
            tests.Add(Recover(UnaryTest, close) ?? new ValueTest(new NullLiteral(Pos(Current)), Pos(Current)));
        }
        while (Accept(","));
        return tests;
    }

    private UnaryTest UnaryTest()
    {
        var start = Current;
        if (ComparisonOperator(start) is { } op)
        {
            _index++;
            return new ComparisonTest(op, Additive(), Pos(start));
        }
        return new ValueTest(Expression(), Pos(start));
    }

    private static FeelBinaryOperator? ComparisonOperator(Token token) => token.Kind != TokenKind.Symbol ? null : token.Text switch
    {
        "=" => FeelBinaryOperator.Equal,
        "!=" => FeelBinaryOperator.NotEqual,
        "<" => FeelBinaryOperator.Less,
        "<=" => FeelBinaryOperator.LessOrEqual,
        ">" => FeelBinaryOperator.Greater,
        ">=" => FeelBinaryOperator.GreaterOrEqual,
        _ => null,
    };

    // ---- expressions -------------------------------------------------------------------------------------

    public FeelExpr Expression() => Disjunction();

    private FeelExpr Disjunction()
    {
        var left = Conjunction();
        while (IsName("or"))
        {
            var op = Next();
            left = new BinaryExpr(FeelBinaryOperator.Or, left, Conjunction(), Pos(op));
        }
        return left;
    }

    private FeelExpr Conjunction()
    {
        var left = Comparison();
        while (IsName("and"))
        {
            var op = Next();
            left = new BinaryExpr(FeelBinaryOperator.And, left, Comparison(), Pos(op));
        }
        return left;
    }

    private FeelExpr Comparison()
    {
        var left = Additive();
        while (true)
        {
            var token = Current;
            if (ComparisonOperator(token) is { } op)
            {
                _index++;
                left = new BinaryExpr(op, left, Additive(), Pos(token));
            }
            else if (IsName("between"))
            {
                _index++;
                var low = Additive();
                Expect("and");
                left = new BetweenExpr(left, low, Additive(), Pos(token));
            }
            else if (IsName("in"))
            {
                _index++;
                left = new InExpr(left, InTests(), Pos(token));
            }
            else if (IsName("instance") && _tokens[_index + 1] is { Kind: TokenKind.Name, Text: "of" })
            {
                _index += 2;
                left = new InstanceOfExpr(left, TypeSpec(), Pos(token));
            }
            else return left;
        }
    }

    private List<UnaryTest> InTests()
    {
        if (IsSymbol("(") && !ParenthesisHoldsRange())
        {
            _index++;
            var tests = TestList(")");
            Expect(")");
            return tests;
        }
        var start = Current;
        if (ComparisonOperator(start) is { } op)
        {
            _index++;
            return [new ComparisonTest(op, Additive(), Pos(start))];
        }
        return [new ValueTest(Additive(), Pos(start))];
    }

    private bool ParenthesisHoldsRange()
    {
        var depth = 0;
        for (var i = _index; i < _tokens.Count && _tokens[i].Kind != TokenKind.End; i++)
        {
            var t = _tokens[i];
            if (t.Kind != TokenKind.Symbol) continue;
            if (t.Text is "(" or "[" or "{") depth++;
            else if (t.Text is ")" or "]" or "}") { if (--depth <= 0) return false; }
            else if (depth == 1 && t.Text == "..") return true;
            else if (depth == 1 && t.Text == ",") return false;
        }
        return false;
    }

    private FeelExpr Additive()
    {
        var left = Multiplicative();
        while (IsSymbol("+") || IsSymbol("-"))
        {
            var op = Next();
            var right = Multiplicative();
            left = new BinaryExpr(op.Text == "+" ? FeelBinaryOperator.Add : FeelBinaryOperator.Subtract, left, right, Pos(op));
        }
        return left;
    }

    private FeelExpr Multiplicative()
    {
        var left = Power();
        while (IsSymbol("*") || IsSymbol("/"))
        {
            var op = Next();
            var right = Power();
            left = new BinaryExpr(op.Text == "*" ? FeelBinaryOperator.Multiply : FeelBinaryOperator.Divide, left, right, Pos(op));
        }
        return left;
    }

    private FeelExpr Power()
    {
        var left = Unary();
        while (IsSymbol("**"))
        {
            var op = Next();
            left = new BinaryExpr(FeelBinaryOperator.Power, left, Unary(), Pos(op));
        }
        return left;
    }

    // FEEL gives unary minus a higher precedence than "**", so -2 ** 2 is 4 and 10 ** -5 needs no parentheses.
    private FeelExpr Unary()
    {
        if (!IsSymbol("-")) return Postfix();
        var op = Next();
        return new NegateExpr(Unary(), Pos(op));
    }

    // Property names of more than one word (a.time offset, r.start included): read as one member.
    private static readonly string[][] MultiWordMembers = [["time", "offset"], ["start", "included"], ["end", "included"]];

    private FeelExpr Postfix()
    {
        var expr = Primary();
        while (true)
        {
            var token = Current;
            if (IsSymbol("."))
            {
                _index++;
                if (Current.Kind is not (TokenKind.Name or TokenKind.String)) throw Fail(Current, "a name must follow '.'");
                var member = MultiWordName() ?? Next().Text;
                foreach (var words in MultiWordMembers)
                {
                    if (member == words[0] && Current.Kind == TokenKind.Name && Current.Text == words[1])
                    {
                        _index++;
                        member = string.Join(' ', words);
                    }
                }
                expr = new PathExpr(expr, member, Pos(token));
            }
            else if (IsSymbol("[") && !_inRangeEnd)
            {
                _index++;
                var saved = _inRangeEnd;
                _inRangeEnd = false;
                var filter = Expression();
                _inRangeEnd = saved;
                Expect("]");
                expr = new FilterExpr(expr, filter, Pos(token));
            }
            else if (IsSymbol("(") && expr is FunctionExpr or InvokeExpr or PathExpr or FilterExpr or CallExpr
                         or NumberLiteral or StringLiteral or BooleanLiteral or NullLiteral)
            {
                expr = new InvokeExpr(expr, Arguments(), Pos(token));
            }
            else return expr;
        }
    }

    private FeelExpr Primary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                _index++;
                return new NumberLiteral(token.Number, Pos(token));
            case TokenKind.String:
                _index++;
                return new StringLiteral(token.Text, Pos(token));
            case TokenKind.Name:
                return NameOrKeyword(token);
            case TokenKind.Symbol:
                return SymbolPrimary(token);
            default:
                throw Fail(token, "expression expected but the text ended");
        }
    }

    private FeelExpr SymbolPrimary(Token token) => token.Text switch
    {
        "(" => ParenthesisOrRange(token),
        "[" => ListOrRange(token),
        "]" => Range(token, startIncluded: false),
        "@" => TemporalLiteral(token),
        "{" => Context(token),
        "?" => throw Fail(token, "the '?' input reference is outside the subset"),
        _ => throw Fail(token, $"unexpected '{token.Text}'"),
    };

    private FeelExpr NameOrKeyword(Token token)
    {
        switch (token.Text)
        {
            case "true": _index++; return new BooleanLiteral(true, Pos(token));
            case "false": _index++; return new BooleanLiteral(false, Pos(token));
            case "null": _index++; return new NullLiteral(Pos(token));
            case "if": return If(token);
            case "for" when IsIterationStart(): return For(token);
            case "some" or "every" when IsIterationStart(): return Quantified(token);
            case "function" when _tokens[_index + 1] is { Kind: TokenKind.Symbol, Text: "(" }: return Function(token);
        }
        var name = MultiWordName() ?? token.Text;
        if (name == token.Text)
        {
            if (Reserved.Contains(name)) throw Fail(token, $"unexpected '{name}'");
            _index++;
        }
        return IsSymbol("(") ? Call(name, token) : new NameExpr(name, Pos(token));
    }

    // A known name that is more than one plain word ("Monthly Salary", "Pre-bureau Risk", "decision A 2.1"):
    // matched on the text at the current token, the longest first, a space matching any run of white space;
    // it must end where a token ends.
    private string? MultiWordName()
    {
        var token = Current;
        if (token.Kind != TokenKind.Name) return null;
        foreach (var name in _multiWordNames)
        {
            if (name[0] != _text[token.Offset] || MatchLength(name, token.Offset) is not { } length) continue;
            var end = token.Offset + length;
            var j = _index;
            while (_tokens[j].Kind != TokenKind.End && _tokens[j].Offset < end) j++;
            var last = _tokens[j - 1];
            if (last.Kind is TokenKind.String || last.Offset + last.Text.Length != end) continue;
            _index = j;
            return name;
        }
        return null;
    }

    private int? MatchLength(string name, int at)
    {
        var i = at;
        for (var k = 0; k < name.Length; k++)
        {
            if (name[k] == ' ')
            {
                if (i >= _text.Length || !char.IsWhiteSpace(_text[i])) return null;
                while (i < _text.Length && char.IsWhiteSpace(_text[i])) i++;
            }
            else if (i < _text.Length && _text[i] == name[k]) i++;
            else return null;
        }
        return i < _text.Length && FeelLexer.IsNamePart(_text[i]) && FeelLexer.IsNamePart(name[^1]) ? null : i - at;
    }

    private FeelExpr If(Token token)
    {
        _index++;
        var condition = Expression();
        Expect("then");
        var then = Expression();
        Expect("else");
        return new IfExpr(condition, then, Expression(), Pos(token));
    }

    private CallExpr Call(string name, Token token) => new(name, Arguments(), Pos(token));

    private List<FeelArgument> Arguments()
    {
        Expect("(");
        var args = new List<FeelArgument>();
        if (!IsSymbol(")"))
        {
            do
            {
                if (Recover(Argument, ")") is { } arg) args.Add(arg);
            }
            while (Accept(","));
        }
        Expect(")");
        return args;
    }

    // A named argument: one or more words then ':' (parameter names such as "start position" have two).
    private FeelArgument Argument()
    {
        var words = 0;
        while (_tokens[_index + words].Kind == TokenKind.Name) words++;
        if (words > 0 && _tokens[_index + words] is { Kind: TokenKind.Symbol, Text: ":" })
        {
            var name = string.Join(' ', _tokens.Skip(_index).Take(words).Select(t => t.Text));
            _index += words + 1;
            return new FeelArgument(name, Expression());
        }
        return new FeelArgument(null, Expression());
    }

    // ---- contexts, iterations, functions ----

    private ContextExpr Context(Token open)
    {
        _index++;
        var entries = new List<ContextEntry>();
        if (!IsSymbol("}"))
        {
            do
            {
                if (Recover(ContextEntry, "}") is { } entry) entries.Add(entry);
            }
            while (Accept(","));
        }
        Expect("}");
        return new ContextExpr(entries, Pos(open));
    }

    // A key is a string or the text up to ':' (DMN names may hold spaces and symbols such as '+').
    private ContextEntry ContextEntry()
    {
        var start = Current;
        string key;
        if (start.Kind == TokenKind.String)
        {
            _index++;
            key = start.Text;
        }
        else
        {
            while (Current.Kind != TokenKind.End && !(Current.Kind == TokenKind.Symbol && Current.Text is ":" or "," or "}")) _index++;
            key = _text[start.Offset..Current.Offset].Trim();
            if (key.Length == 0) throw Fail(start, "a context entry needs a name before ':'");
        }
        Expect(":");
        return new ContextEntry(key, Expression(), Pos(start));
    }

    private bool IsIterationStart() =>
        _tokens[_index + 1].Kind == TokenKind.Name && _tokens[_index + 2] is { Kind: TokenKind.Name, Text: "in" };

    private List<FeelIteration> Iterations()
    {
        var iterations = new List<FeelIteration>();
        do
        {
            var name = Current;
            if (name.Kind != TokenKind.Name) throw Fail(name, "a name expected");
            _index++;
            Expect("in");
            var domain = Expression();
            var bare = false;
            if (IsSymbol(".."))
            {
                var dots = Next();
                domain = new RangeExpr(domain, true, Expression(), true, Pos(dots));
                bare = true;
            }
            iterations.Add(new FeelIteration(name.Text, domain, Pos(name)) { CountsDown = bare });
        }
        while (Accept(","));
        return iterations;
    }

    private ForExpr For(Token token)
    {
        _index++;
        var iterations = Iterations();
        Expect("return");
        return new ForExpr(iterations, Expression(), Pos(token));
    }

    private QuantifiedExpr Quantified(Token token)
    {
        _index++;
        var iterations = Iterations();
        Expect("satisfies");
        return new QuantifiedExpr(token.Text == "every", iterations, Expression(), Pos(token));
    }

    private FunctionExpr Function(Token token)
    {
        _index += 2;
        var parameters = new List<string>();
        var typed = new List<(string Name, FeelTypeSpec Type, FeelPosition Position)>();
        if (!IsSymbol(")"))
        {
            do
            {
                var name = Current;
                if (name.Kind != TokenKind.Name) throw Fail(name, "a parameter name expected");
                _index++;
                if (Accept(":")) typed.Add((name.Text, TypeSpec(), Pos(name)));
                parameters.Add(name.Text);
            }
            while (Accept(","));
        }
        Expect(")");
        // function(a) external {java: {class: "…", method signature: "…"}}: the mapping is evaluated when the
        // function is called (a library call no text can name, as its name begins with a space).
        var body = Current is { Kind: TokenKind.Name, Text: "external" } external
            ? ExternalBody(external, parameters)
            : Expression();
        // A declared parameter type (function(a: number) …) is checked at each call: an argument of another
        // type makes the result null.
        foreach (var (name, type, position) in Enumerable.Reverse(typed))
        {
            var p = new NameExpr(name, position);
            var fits = new BinaryExpr(FeelBinaryOperator.Or, new BinaryExpr(FeelBinaryOperator.Equal, p, new NullLiteral(position), position),
                new InstanceOfExpr(p, type, position), position);
            body = new IfExpr(fits, body, new NullLiteral(position), position);
        }
        return new FunctionExpr(parameters, body, Pos(token));
    }

    /// <summary>The name of the library call that runs an external (Java) function.</summary>
    internal const string ExternalFunction = " external";

    private CallExpr ExternalBody(Token external, List<string> parameters)
    {
        _index++;
        var mapping = Expression();
        var args = new ListExpr(parameters.Select(p => (FeelExpr)new NameExpr(p, Pos(external))).ToList(), Pos(external));
        return new CallExpr(ExternalFunction, [new FeelArgument(null, mapping), new FeelArgument(null, args)], Pos(external));
    }

    private FeelExpr ParenthesisOrRange(Token token)
    {
        if (ParenthesisHoldsRange()) return Range(token, startIncluded: false);
        _index++;
        if (ComparisonOperator(Current) is { } op)
        {
            var opToken = Next();
            var operand = Additive();
            Expect(")");
            return new UnaryTestExpr(op, operand, Pos(opToken));
        }
        var inner = Expression();
        Expect(")");
        return inner;
    }

    private FeelExpr ListOrRange(Token token)
    {
        if (ParenthesisHoldsRange()) return Range(token, startIncluded: true);
        _index++;
        var items = new List<FeelExpr>();
        if (!IsSymbol("]"))
        {
            do
            {
                if (Recover(Expression, "]") is { } item) items.Add(item);
            }
            while (Accept(","));
        }
        Expect("]");
        return new ListExpr(items, Pos(token));
    }

    private RangeExpr Range(Token token, bool startIncluded)
    {
        _index++;
        var start = Expression();
        Expect("..");
        var saved = _inRangeEnd;
        _inRangeEnd = true;
        var end = Expression();
        _inRangeEnd = saved;
        var close = Current;
        if (close.Kind != TokenKind.Symbol || close.Text is not ("]" or ")" or "["))
            throw Fail(close, $"range end ']' or ')' expected but found '{close.Text}'");
        _index++;
        return new RangeExpr(start, startIncluded, end, close.Text == "]", Pos(token));
    }

    // @"…" is a date, time, date and time or duration literal, told apart by its shape.
    private FeelExpr TemporalLiteral(Token token)
    {
        _index++;
        var literal = Current;
        if (literal.Kind != TokenKind.String) throw Fail(literal, "a string must follow '@'");
        _index++;
        var text = literal.Text;
        var function = text.TrimStart('-').StartsWith('P') ? "duration"
            : FeelTemporal.ParseDate(text) is not null ? "date"
            : text.Split('@')[0].Contains('T', StringComparison.Ordinal) ? "date and time"
            : "time";
        var valid = function switch
        {
            "duration" => FeelTemporal.ParseDuration(text) is not null,
            "date" => true,
            "date and time" => FeelTemporal.ParseDateTime(text) is not null,
            _ => FeelTemporal.ParseTime(text) is not null,
        };
        if (!valid) Record(literal, $"@\"{text}\" is not a valid date, time, date and time or duration");
        return new CallExpr(function, [new FeelArgument(null, new StringLiteral(text, Pos(literal)))], Pos(token));
    }

    private static readonly string[][] MultiWordTypes =
        [["days", "and", "time", "duration"], ["years", "and", "months", "duration"], ["date", "and", "time"]];

    // number, date and time, list<number>, context<a: string>, range<date>, function<number> -> boolean
    private FeelTypeSpec TypeSpec()
    {
        var start = Current;
        if (start.Kind != TokenKind.Name) throw Fail(start, "a type name expected after 'instance of'");
        var name = start.Text;
        var words = MultiWordTypes.FirstOrDefault(w => w.Select((word, i) => _tokens[_index + i] is { Kind: TokenKind.Name } t && t.Text == word).All(ok => ok));
        if (words is not null)
        {
            _index += words.Length;
            name = string.Join(' ', words);
        }
        else _index++;
        var arguments = new List<FeelTypeSpec>();
        var fields = new List<KeyValuePair<string, FeelTypeSpec>>();
        FeelTypeSpec? result = null;
        if (name is "list" or "range" or "context" or "function" && Accept("<"))
        {
            if (!IsSymbol(">"))
            {
                do
                {
                    if (name == "context")
                    {
                        var field = Current;
                        if (field.Kind != TokenKind.Name) throw Fail(field, "a field name expected");
                        _index++;
                        Expect(":");
                        fields.Add(new(field.Text, TypeSpec()));
                    }
                    else arguments.Add(TypeSpec());
                }
                while (Accept(","));
            }
            Expect(">");
            if (name == "function" && IsSymbol("-") && _tokens[_index + 1] is { Kind: TokenKind.Symbol, Text: ">" })
            {
                _index += 2;
                result = TypeSpec();
            }
        }
        return new FeelTypeSpec(name, arguments, fields, result);
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private T? Recover<T>(Func<T> parse, string? close) where T : class
    {
        try
        {
            return parse();
        }
        catch (ParseAbortException)
        {
            SkipTo(close);
            return null;
        }
    }

    // Skips to the next separator at this nesting depth, so errors in later list items are still found.
    private void SkipTo(string? close)
    {
        var depth = 0;
        for (; Current.Kind != TokenKind.End; _index++)
        {
            var t = Current;
            if (t.Kind != TokenKind.Symbol) continue;
            if (depth == 0 && (t.Text == "," || t.Text == close)) return;
            if (t.Text is "(" or "[" or "{") depth++;
            else if (t.Text is ")" or "]" or "}" && --depth < 0) return;
        }
    }

    private bool IsSymbol(string text) => Current.Kind == TokenKind.Symbol && Current.Text == text;

    private bool IsName(string text) => Current.Kind == TokenKind.Name && Current.Text == text;

    private Token Next() => _tokens[_index++];

    private bool Accept(string symbol)
    {
        if (!IsSymbol(symbol)) return false;
        _index++;
        return true;
    }

    private void Expect(string text)
    {
        if (Current.Text == text && Current.Kind is TokenKind.Symbol or TokenKind.Name)
        {
            _index++;
            return;
        }
        var found = Current.Kind == TokenKind.End ? "the end of the expression" : $"'{Current.Text}'";
        throw Fail(Current, $"'{text}' expected but found {found}");
    }

    private void Record(Token token, string message) => _diagnostics.Add(new FeelDiagnostic(message, Pos(token)));

    private ParseAbortException Fail(Token token, string message)
    {
        Record(token, message);
        throw new ParseAbortException();
    }
}
