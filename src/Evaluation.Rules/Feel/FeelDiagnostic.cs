namespace Evaluation.Rules.Feel;

/// <summary>A place in an expression's text: 0-based offset, 1-based line and column.</summary>
public readonly record struct FeelPosition(int Offset, int Line, int Column)
{
    /// <summary>The position of an offset within a text.</summary>
    public static FeelPosition At(string text, int offset)
    {
        int line = 1, column = 1;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n') { line++; column = 1; }
            else column++;
        }
        return new FeelPosition(offset, line, column);
    }

    public override string ToString() => $"line {Line} col {Column}";
}

/// <summary>A parse or type error with its position in the expression text.</summary>
public sealed record FeelDiagnostic(string Message, FeelPosition Position)
{
    public override string ToString() => $"{Position}: {Message}";
}

/// <summary>Thrown by <see cref="FeelParser"/> with every error it found.</summary>
public sealed class FeelException : Exception
{
    public FeelException(IReadOnlyList<FeelDiagnostic> diagnostics)
        : base(string.Join("; ", diagnostics)) => Diagnostics = diagnostics;

    public FeelException() : this([]) { }

    public FeelException(string message) : base(message) => Diagnostics = [];

    public FeelException(string message, Exception innerException) : base(message, innerException) => Diagnostics = [];

    /// <summary>Every error found, in text order.</summary>
    public IReadOnlyList<FeelDiagnostic> Diagnostics { get; }
}
