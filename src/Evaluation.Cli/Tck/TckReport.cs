using System.Text;

namespace Evaluation.Cli.Tck;

/// <summary>How one TCK result node came out.</summary>
public enum TckOutcome { Passed, Failed, Unsupported }

/// <summary>One result node of one TCK test case.</summary>
public sealed record TckCaseResult(string Model, string CaseId, string ResultNode, TckOutcome Outcome, string? Detail);

/// <summary>The outcome of running the DMN TCK cases in a directory.</summary>
public sealed record TckReport(IReadOnlyList<TckCaseResult> Cases)
{
    public int Passed => Cases.Count(c => c.Outcome == TckOutcome.Passed);

    public int Failed => Cases.Count(c => c.Outcome == TckOutcome.Failed);

    public int Unsupported => Cases.Count(c => c.Outcome == TckOutcome.Unsupported);

    /// <summary>Every failed and unsupported case with its reason, then the totals line.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        foreach (var c in Cases.Where(c => c.Outcome != TckOutcome.Passed))
            sb.Append(c.Outcome == TckOutcome.Failed ? "FAILED " : "UNSUPPORTED ")
              .Append(c.Model).Append(" case ").Append(c.CaseId).Append(" '").Append(c.ResultNode).Append("': ")
              .AppendLine(c.Detail);
        sb.Append(Passed).Append(" passed, ").Append(Failed).Append(" failed, ").Append(Unsupported).Append(" unsupported");
        return sb.ToString();
    }
}
