namespace Evaluation.Engine.Tests;

/// <summary>
/// Approval files: the expected output is checked in beside the test; a mismatch writes *.received.*
/// next to it and fails with the first differing line, so a change shows as a diff.
/// </summary>
internal static class Approval
{
    public static void Verify(string actual, params string[] approvedPath)
    {
        var approved = Repo.Path(approvedPath);
        var received = approved.Contains(".approved.", StringComparison.Ordinal)
            ? approved.Replace(".approved.", ".received.", StringComparison.Ordinal)
            : Path.ChangeExtension(approved, ".received" + Path.GetExtension(approved));
        actual = actual.ReplaceLineEndings("\n");
        if (File.Exists(approved) && File.ReadAllText(approved).ReplaceLineEndings("\n") == actual)
        {
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        var expected = File.Exists(approved) ? File.ReadAllText(approved).ReplaceLineEndings("\n").Split('\n') : [];
        var lines = actual.Split('\n');
        var at = Enumerable.Range(0, Math.Max(expected.Length, lines.Length))
            .First(i => i >= expected.Length || i >= lines.Length || expected[i] != lines[i]);
        throw new Xunit.Sdk.XunitException(
            $"{approvedPath[^1]} differs at line {at + 1}:\n  approved: {(at < expected.Length ? expected[at] : "<end>")}\n  received: {(at < lines.Length ? lines[at] : "<end>")}\n" +
            $"If the change is right: mv {received} {approved}");
    }
}
