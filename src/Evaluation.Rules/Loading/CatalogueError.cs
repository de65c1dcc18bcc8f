namespace Evaluation.Rules.Loading;

/// <summary>A problem in a catalogue file, with where it is and which indicator (or other element) it concerns.</summary>
public sealed record CatalogueError(string File, int Line, int Column, string? Element, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        Element is null
            ? $"{File}:{Line}:{Column}: {Message}"
            : $"{File}:{Line}:{Column}: [{Element}] {Message}";
}

/// <summary>Thrown when catalogue files do not load; carries every error found, not just the first.</summary>
public sealed class CatalogueException(IReadOnlyList<CatalogueError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    /// <summary>All errors, in file order.</summary>
    public IReadOnlyList<CatalogueError> Errors { get; } = errors;
}
