using System.Xml.Linq;
using Evaluation.Rules.Feel;

namespace Evaluation.Cli.Tck;

/// <summary>Runs DMN TCK test cases through the FEEL subset and reports each result node.</summary>
public static class TckRunner
{
    /// <summary>Finds every *.dmn under <paramref name="directory"/> and runs its *-test-*.xml files.</summary>
    public static TckReport Run(string directory)
    {
        var results = new List<TckCaseResult>();
        foreach (var dmn in Directory.EnumerateFiles(directory, "*.dmn", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var modelName = Path.GetFileNameWithoutExtension(dmn);
            var testFiles = Directory.EnumerateFiles(Path.GetDirectoryName(dmn)!, modelName + "-test-*.xml").Order(StringComparer.Ordinal);
            foreach (var testFile in testFiles) results.AddRange(RunFile(dmn, modelName, testFile));
        }
        return new TckReport(results);
    }

    private static IEnumerable<TckCaseResult> RunFile(string dmn, string modelName, string testFile)
    {
        DmnModel? model = null;
        string? loadError = null;
        try
        {
            model = DmnModel.Load(dmn);
        }
        catch (TckUnsupportedException e)
        {
            loadError = e.Message;
        }
        // Whitespace is kept: an expected string may be a single space.
        var root = XDocument.Load(testFile, LoadOptions.PreserveWhitespace).Root!;
        foreach (var testCase in DmnModel.Children(root, "testCase"))
        {
            var id = (string?)testCase.Attribute("id") ?? "?";
            foreach (var resultNode in DmnModel.Children(testCase, "resultNode"))
            {
                var node = (string?)resultNode.Attribute("name") ?? "?";
                yield return loadError is not null
                    ? new TckCaseResult(modelName, id, node, TckOutcome.Unsupported, loadError)
                    : RunCase(model!, modelName, id, testCase, resultNode, node);
            }
        }
    }

    // The model answers "instance of" its item definitions while its case runs (FeelInterpreter.NamedTypes).
    private static TckCaseResult RunCase(DmnModel model, string modelName, string id, XElement testCase, XElement resultNode, string node)
    {
        var outer = FeelInterpreter.NamedTypes;
        FeelInterpreter.NamedTypes = (type, value) => model.IsTypeName(type) ? model.IsInstance(value, type) : null;
        try
        {
            return RunCaseIn(model, modelName, id, testCase, resultNode, node);
        }
        finally
        {
            FeelInterpreter.NamedTypes = outer;
        }
    }

    private static TckCaseResult RunCaseIn(DmnModel model, string modelName, string id, XElement testCase, XElement resultNode, string node)
    {
        try
        {
            // An input of an imported model carries that model's namespace.
            var inputs = DmnModel.Children(testCase, "inputNode").ToDictionary(
                i => (string?)i.Attribute("namespace") is { } ns && ns != model.Namespace
                    ? DmnEvaluator.QualifiedInput(ns, (string)i.Attribute("name")!) : (string)i.Attribute("name")!,
                TckValues.Read, StringComparer.Ordinal);
            // Evaluate first: when both are outside the subset, the decision's reason is the more telling one.
            var evaluator = new DmnEvaluator(model, inputs);
            var actual = (string?)testCase.Attribute("type") == "decisionService"
                ? evaluator.DecideThrough((string?)testCase.Attribute("invocableName") ?? "", node)
                : evaluator.Decide(node);
            var expected = DmnModel.Child(resultNode, "expected") is { } e ? TckValues.Read(e) : null;
            return TckValues.Same(expected, actual)
                ? new TckCaseResult(modelName, id, node, TckOutcome.Passed, null)
                : new TckCaseResult(modelName, id, node, TckOutcome.Failed, $"expected {TckValues.Show(expected)} but was {TckValues.Show(actual)}");
        }
        catch (TckUnsupportedException e)
        {
            return new TckCaseResult(modelName, id, node, TckOutcome.Unsupported, e.Message);
        }
        // A case whose expected result is an error (errorResult="true", e.g. @"foo") passes on a positioned
        // error: that is how the engine answers an invalid expression.
        catch (FeelException e) when ((string?)resultNode.Attribute("errorResult") == "true")
        {
            return new TckCaseResult(modelName, id, node, TckOutcome.Passed, e.Message);
        }
#pragma warning disable CA1031 // A crash in one case is that case's failure, not the end of the run.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new TckCaseResult(modelName, id, node, TckOutcome.Failed, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
