namespace Evaluation.Rules.Feel;

/// <summary>The kinds of value a FEEL-subset expression can produce.</summary>
public enum FeelTypeKind
{
    Number,
    Boolean,
    String,
    Date,
    Time,
    DateTime,
    DaysTimeDuration,
    YearsMonthsDuration,
    List,
    Range,
    Context,
    Function,
    Null,
    Any,
}

/// <summary>A static FEEL type; <see cref="Element"/> is set for lists and ranges.</summary>
public sealed record FeelType(FeelTypeKind Kind, FeelType? Element = null)
{
    public static readonly FeelType Number = new(FeelTypeKind.Number);
    public static readonly FeelType Boolean = new(FeelTypeKind.Boolean);
    public static readonly FeelType String = new(FeelTypeKind.String);
    public static readonly FeelType Date = new(FeelTypeKind.Date);
    public static readonly FeelType Time = new(FeelTypeKind.Time);
    public static readonly FeelType DateTime = new(FeelTypeKind.DateTime);
    public static readonly FeelType DaysTimeDuration = new(FeelTypeKind.DaysTimeDuration);
    public static readonly FeelType YearsMonthsDuration = new(FeelTypeKind.YearsMonthsDuration);
    public static readonly FeelType Context = new(FeelTypeKind.Context);
    public static readonly FeelType Function = new(FeelTypeKind.Function);
    public static readonly FeelType Null = new(FeelTypeKind.Null);
    public static readonly FeelType Any = new(FeelTypeKind.Any);

    /// <summary>A list whose items have the given type.</summary>
    public static FeelType ListOf(FeelType element) => new(FeelTypeKind.List, element);

    /// <summary>A range whose bounds have the given type.</summary>
    public static FeelType RangeOf(FeelType element) => new(FeelTypeKind.Range, element);

    /// <summary>The CLR type a compiled expression of this type has.</summary>
    public Type ClrType => Kind switch
    {
        FeelTypeKind.Number => typeof(decimal?),
        FeelTypeKind.Boolean => typeof(bool?),
        FeelTypeKind.String => typeof(string),
        FeelTypeKind.Date => typeof(FeelDate?),
        FeelTypeKind.List => typeof(IReadOnlyList<object?>),
        // A range value is a FeelRange or a unary test used as a value (FeelUnaryTestValue): both are objects here.
        FeelTypeKind.Range => typeof(object),
        _ => typeof(object),
    };

    /// <summary>True for Null and Any, which are compatible with every type.</summary>
    public bool IsLoose => Kind is FeelTypeKind.Null or FeelTypeKind.Any;

    /// <summary>The FEEL name of the type, as used in diagnostics.</summary>
    public override string ToString() => Kind switch
    {
        FeelTypeKind.List => $"list<{Element ?? Any}>",
        FeelTypeKind.Range => $"range<{Element ?? Any}>",
        FeelTypeKind.DateTime => "date and time",
        FeelTypeKind.DaysTimeDuration => "days and time duration",
        FeelTypeKind.YearsMonthsDuration => "years and months duration",
        _ => Kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The FEEL type of a runtime value (the most specific one; lists and ranges of Any).</summary>
    public static FeelType Of(object? value) => value switch
    {
        null => Null,
        decimal => Number,
        bool => Boolean,
        string => String,
        FeelDate => Date,
        FeelTime => Time,
        FeelDateTime => DateTime,
        FeelDuration => DaysTimeDuration,
        FeelYearsMonths => YearsMonthsDuration,
        FeelContext => Context,
        FeelFunction => Function,
        FeelRange or FeelUnaryTestValue => RangeOf(Any),
        IReadOnlyList<object?> => ListOf(Any),
        _ => Any,
    };

    /// <summary>The FEEL type of a CLR type produced by a binding; unknown CLR types are Any.</summary>
    public static FeelType FromClr(Type type)
    {
        var t = System.Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(decimal) || t == typeof(int) || t == typeof(long) || t == typeof(double)) return Number;
        if (t == typeof(bool)) return Boolean;
        if (t == typeof(string)) return String;
        if (t == typeof(DateOnly) || t == typeof(FeelDate)) return Date;
        if (t == typeof(FeelRange)) return RangeOf(Any);
        if (typeof(IReadOnlyList<object?>).IsAssignableFrom(t) && t != typeof(object)) return ListOf(Any);
        return Any;
    }
}

/// <summary>A range value: bounds are runtime FEEL values (numbers, strings, dates, times, durations) or null.</summary>
public sealed record FeelRange(object? Start, bool StartIncluded, object? End, bool EndIncluded);
