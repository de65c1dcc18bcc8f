using System.CommandLine;
using Evaluation.Cli.Tck;

namespace Evaluation.Cli;

/// <summary><c>tck &lt;dir&gt;</c>: runs DMN TCK cases through our FEEL subset.</summary>
internal static class TckCommand
{
    public static Command Create()
    {
        var dir = new Argument<DirectoryInfo>("dir") { Description = "folder with DMN TCK cases (*.dmn and *-test-*.xml)" };
        var command = new Command("tck", "run DMN TCK conformance cases; ends with 'N passed, N failed, N unsupported'") { dir };
        command.SetAction(parse =>
        {
            var d = parse.GetValue(dir)!;
            if (!d.Exists)
            {
                Console.Error.WriteLine($"error: no such folder: {d.FullName}");
                return 1;
            }
            var report = TckRunner.Run(d.FullName);
            Console.Out.Write(report.ToText());
            return report.Failed == 0 ? 0 : 1;
        });
        return command;
    }
}
