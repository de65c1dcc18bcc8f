namespace Evaluation.Rules.Loading;

/// <summary>Where something stands in a catalogue file (1-based line and column).</summary>
public readonly record struct SourcePosition(string File, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}";
}
