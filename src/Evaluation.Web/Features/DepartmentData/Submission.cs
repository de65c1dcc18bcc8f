namespace Evaluation.Web.Features.DepartmentData;

/// <summary>One value a department submits: a cell of an uploaded file, a form field or an API item.</summary>
internal sealed record SubmissionLine(int Row, string? CreditCode, string InputId, string Value, string? Note);

/// <summary>What is wrong with one line, named by row and column so the officer can find it in the file.</summary>
internal sealed record SubmissionError(int Row, string Column, string Message);

/// <summary>A value that differs from the department's current one; committing it adds a fact version.</summary>
internal sealed record FactChange(int Row, Guid EnterpriseId, string CreditCode, string InputId, string? Old,
    Guid? SupersedesFactId, string New, string? Note);

/// <summary>The outcome of checking a whole submission: every error, and the changes it would make.</summary>
internal sealed class SubmissionCheck
{
    public List<SubmissionError> Errors { get; } = [];
    public List<FactChange> Changes { get; } = [];
    public int Lines { get; set; }
    public int Unchanged { get; set; }
    public bool IsValid => Errors.Count == 0;
}
