using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Security.Cryptography;
using Evaluation.Rules.Feel;

namespace Evaluation.Engine;

/// <summary>A compiled plan: its stages run in order on one record (ADR 0014).</summary>
internal sealed class StagePlan(StagePlan.Step[] steps)
{
    /// <summary>
    /// One stage: scores a category (its first indicator, table and part at the given positions of the record, its
    /// points to the given category) or, last, sums the categories and decides vetoes and grade.
    /// </summary>
    public delegate void Stage(FactSet facts, EvaluationRecord record, int indicators, int tables, int parts, int category);

    public readonly record struct Step(Stage Stage, int Indicators, int Tables, int Parts, int Category);

    public IReadOnlyList<Step> Steps => steps;

    public void Run(FactSet facts, EvaluationRecord record)
    {
        foreach (var s in steps) s.Stage(facts, record, s.Indicators, s.Tables, s.Parts, s.Category);
    }
}

/// <summary>
/// Compiles stage lambdas, once per distinct tree: a stage of a variant that is the base catalogue's stage node for
/// node (same rules, same input slots, same constants) is the base's delegate. The key is a SHA-256 of a canonical
/// serialisation of the tree (<see cref="Fingerprint"/>); a tree with a constant it cannot serialise is not shared.
/// One compiler is one cache: it lives as long as the <see cref="ScoringPlans"/> that owns it.
/// </summary>
/// <param name="compile">How one tree becomes a delegate: <see cref="LambdaExpression.Compile()"/>, unless the caller
/// (a compile benchmark timing or collecting trees) supplies its own.</param>
internal sealed class StageCompiler(Func<Expression<StagePlan.Stage>, StagePlan.Stage>? compile = null)
{
    private readonly ConcurrentDictionary<string, Lazy<StagePlan.Stage>> _cache = new(StringComparer.Ordinal);
    private readonly Func<Expression<StagePlan.Stage>, StagePlan.Stage> _compile = compile ?? (lambda => lambda.Compile());
    private int _compiled;
    private int _shared;

    /// <summary>Stages this compiler compiled, and stages it found already compiled.</summary>
    public (int Compiled, int Shared) Counts => (Volatile.Read(ref _compiled), Volatile.Read(ref _shared));

    /// <summary>
    /// The delegates of a plan's stages, in order: each stage found in the cache is reused, the others are compiled
    /// in parallel (expression compiler and JIT run on the calling thread, so this spreads them over the cores).
    /// Every delegate is compiled when this returns.
    /// </summary>
    public StagePlan.Stage[] Compile(IReadOnlyList<Expression<StagePlan.Stage>> lambdas)
    {
        var lazies = new Lazy<StagePlan.Stage>[lambdas.Count];
        var pending = new List<Lazy<StagePlan.Stage>>();
        for (var i = 0; i < lambdas.Count; i++)
        {
            var lambda = lambdas[i];
            var key = Fingerprint.Of(lambda);
            if (key is null)
            {
                lazies[i] = new Lazy<StagePlan.Stage>(() => CompileNow(lambda));
                pending.Add(lazies[i]);
                continue;
            }
            var created = false;
            lazies[i] = _cache.GetOrAdd(key, _ =>
            {
                created = true;
                return new Lazy<StagePlan.Stage>(() => CompileNow(lambda));
            });
            if (created) pending.Add(lazies[i]);
            else Interlocked.Increment(ref _shared);
        }
        if (pending.Count > 1) Parallel.ForEach(pending, lazy => _ = lazy.Value);
        return [.. lazies.Select(l => l.Value)];
    }

    private StagePlan.Stage CompileNow(Expression<StagePlan.Stage> lambda)
    {
        var compiled = _compile(lambda);
        Interlocked.Increment(ref _compiled);
        return compiled;
    }
}

/// <summary>
/// A canonical serialisation of an expression tree, hashed: node types, CLR types, methods, constants by value,
/// parameters and variables numbered by first appearance. Two trees with the same fingerprint compile to the same
/// code. Null when the tree holds something it does not know how to serialise.
/// </summary>
internal sealed class Fingerprint : ExpressionVisitor
{
    private readonly Dictionary<ParameterExpression, int> _parameters = [];
    private readonly Dictionary<LabelTarget, int> _labels = [];
    private byte[] _bytes = new byte[4096];
    private int _length;
    private bool _unsupported;

    // Types and members by a number for the life of the process (a type or method is the same object, or equal, each time).
    private static readonly ConcurrentDictionary<Type, int> TypeIds = new();
    private static readonly ConcurrentDictionary<MemberInfo, int> MemberIds = new();
    private static int _nextId;

    public static string? Of(LambdaExpression lambda)
    {
        var f = new Fingerprint();
        f.Visit(lambda);
        return f._unsupported ? null : Convert.ToHexString(SHA256.HashData(f._bytes.AsSpan(0, f._length)));
    }

    private Fingerprint() { }

    private void Write(int value)
    {
        if (_length + 4 > _bytes.Length) Array.Resize(ref _bytes, _bytes.Length * 2);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(_bytes.AsSpan(_length), value);
        _length += 4;
    }

    private void Write(string? text)
    {
        if (text is null) { Write(-1); return; }
        Write(text.Length);
        foreach (var c in text) Write(c);
    }

    private void Write(Type? type) => Write(type is null ? -1 : TypeIds.GetOrAdd(type, _ => Interlocked.Increment(ref _nextId)));

    private void Write(MemberInfo? member) => Write(member is null ? -1 : MemberIds.GetOrAdd(member, _ => Interlocked.Increment(ref _nextId)));

    public override Expression? Visit(Expression? node)
    {
        if (node is null) { Write(-1); return null; }
        Write((int)node.NodeType);
        Write(node.Type);
        return base.Visit(node);
    }

    protected override Expression VisitBinary(BinaryExpression node)
    {
        Write(node.Method);
        Write(node.IsLiftedToNull ? 1 : 0);
        if (node.Conversion is not null) _unsupported = true;
        return base.VisitBinary(node);
    }

    protected override Expression VisitUnary(UnaryExpression node)
    {
        Write(node.Method);
        return base.VisitUnary(node);
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        Write(node.Method);
        Write(node.Arguments.Count);
        return base.VisitMethodCall(node);
    }

    protected override Expression VisitNew(NewExpression node)
    {
        Write(node.Constructor);
        if (node.Members is not null) _unsupported = true;
        return base.VisitNew(node);
    }

    protected override Expression VisitMember(MemberExpression node)
    {
        Write(node.Member);
        return base.VisitMember(node);
    }

    protected override Expression VisitIndex(IndexExpression node)
    {
        Write(node.Indexer);
        Write(node.Arguments.Count);
        return base.VisitIndex(node);
    }

    protected override Expression VisitNewArray(NewArrayExpression node)
    {
        Write(node.Expressions.Count);
        return base.VisitNewArray(node);
    }

    protected override Expression VisitBlock(BlockExpression node)
    {
        Write(node.Variables.Count);
        foreach (var v in node.Variables) Declare(v);
        Write(node.Expressions.Count);
        foreach (var e in node.Expressions) Visit(e);
        return node;
    }

    protected override Expression VisitConditional(ConditionalExpression node)
    {
        Visit(node.Test);
        Visit(node.IfTrue);
        Visit(node.IfFalse);
        return node;
    }

    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        Write(node.Parameters.Count);
        foreach (var p in node.Parameters) Declare(p);
        Visit(node.Body);
        return node;
    }

    protected override Expression VisitParameter(ParameterExpression node)
    {
        if (!_parameters.TryGetValue(node, out var id)) _unsupported = true;    // a free variable: not ours
        Write(id);
        Write(node.IsByRef ? 1 : 0);
        return node;
    }

    protected override Expression VisitSwitch(SwitchExpression node)
    {
        Write(node.Comparison);
        Visit(node.SwitchValue);
        Write(node.Cases.Count);
        foreach (var c in node.Cases)
        {
            Write(c.TestValues.Count);
            foreach (var t in c.TestValues) Visit(t);
            Visit(c.Body);
        }
        Visit(node.DefaultBody);
        return node;
    }

    protected override LabelTarget? VisitLabelTarget(LabelTarget? node)
    {
        if (node is null) { Write(-1); return null; }
        if (!_labels.TryGetValue(node, out var id)) _labels[node] = id = _labels.Count;
        Write(id);
        Write(node.Type);
        return node;
    }

    protected override Expression VisitGoto(GotoExpression node)
    {
        Write((int)node.Kind);
        return base.VisitGoto(node);
    }

    protected override Expression VisitConstant(ConstantExpression node)
    {
        WriteValue(node.Value);
        return node;
    }

    protected override Expression VisitExtension(Expression node) => Unsupported(node);

    protected override Expression VisitDynamic(DynamicExpression node) => Unsupported(node);

    protected override Expression VisitRuntimeVariables(RuntimeVariablesExpression node) => Unsupported(node);

    protected override Expression VisitTry(TryExpression node) => Unsupported(node);

    protected override Expression VisitListInit(ListInitExpression node) => Unsupported(node);

    protected override Expression VisitMemberInit(MemberInitExpression node) => Unsupported(node);

    protected override Expression VisitInvocation(InvocationExpression node) => Unsupported(node);

    protected override Expression VisitLoop(LoopExpression node) => Unsupported(node);

    /// <summary>A node the fingerprint does not describe: the stage is compiled on its own, never shared.</summary>
    private Expression Unsupported(Expression node)
    {
        _unsupported = true;
        return node;
    }

    protected override Expression VisitTypeBinary(TypeBinaryExpression node)
    {
        Write(node.TypeOperand);
        return base.VisitTypeBinary(node);
    }

    private void Declare(ParameterExpression p)
    {
        if (!_parameters.ContainsKey(p)) _parameters[p] = _parameters.Count;
        Write(_parameters[p]);
        Write(p.Type);
        Write(p.IsByRef ? 1 : 0);
    }

    // Constants by value, with their runtime type: 1.0m and 1.00m differ (their scale shows in results).
    private void WriteValue(object? value)
    {
        switch (value)
        {
            case null: Write(0); break;
            case decimal d:
                Write(1);
                Span<int> bits = stackalloc int[4];
                decimal.GetBits(d, bits);
                foreach (var b in bits) Write(b);
                break;
            case string s: Write(2); Write(s); break;
            case bool b: Write(3); Write(b ? 1 : 0); break;
            case int i: Write(4); Write(i); break;
            case long l: Write(5); Write((int)l); Write((int)(l >> 32)); break;
            case byte b: Write(6); Write(b); break;
            case DateOnly date: Write(7); Write(date.DayNumber); break;
            case FeelDate date: Write(11); Write((int)date.DayNumber); Write((int)(date.DayNumber >> 32)); break;
            case Array array when array.GetType().GetElementType() is { } element && (element == typeof(object) || element == typeof(string) || element == typeof(decimal)):
                Write(8);
                Write(array.GetType());
                Write(array.Length);
                foreach (var item in array) WriteValue(item);
                break;
            case IntervalTable table:
                Write(10);
                Write(table.Rows.Length);
                foreach (var row in table.Rows)
                {
                    WriteValue(row.Lower);
                    Write(row.LowerStrict ? 1 : 0);
                    WriteValue(row.Upper);
                    Write(row.UpperStrict ? 1 : 0);
                    WriteValue(row.Result);
                }
                break;
            default:
                if (value.GetType().IsEnum) { Write(9); Write(value.GetType()); Write(value.ToString()); break; }
                _unsupported = true;
                break;
        }
    }
}
