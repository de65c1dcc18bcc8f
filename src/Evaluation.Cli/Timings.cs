using System.Diagnostics;

namespace Evaluation.Cli;

/// <summary>With EVALUATION_TIMINGS=1, each phase's wall and CPU time since the process started go to standard error.</summary>
internal static class Timings
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("EVALUATION_TIMINGS") == "1";
    private static readonly Process Self = Process.GetCurrentProcess();
    private static TimeSpan _lastWall, _lastCpu;

    public static void Mark(string phase)
    {
        if (!Enabled) return;
        Self.Refresh();
        var wall = DateTime.Now - Self.StartTime;
        var cpu = Self.TotalProcessorTime;
        Console.Error.WriteLine($"timing {phase,-10} +{(wall - _lastWall).TotalMilliseconds,6:0} ms wall +{(cpu - _lastCpu).TotalMilliseconds,6:0} ms cpu  (at {wall.TotalMilliseconds:0} / {cpu.TotalMilliseconds:0})");
        (_lastWall, _lastCpu) = (wall, cpu);
    }
}
