using System.Runtime.InteropServices;

namespace Evaluation.Bench;

/// <summary>
/// CPU time of the calling thread (Linux, CLOCK_THREAD_CPUTIME_ID). A lambda is JIT-compiled on the thread that
/// compiles it, so on a machine shared with other processes this is what compiling costs, without the time the
/// thread waited for a core.
/// </summary>
internal static class ThreadCpu
{
    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    /// <summary>Milliseconds of CPU this thread has used.</summary>
    public static double Milliseconds()
    {
        _ = ClockGetTime(3, out var t);
        return t.Seconds * 1e3 + t.Nanoseconds / 1e6;
    }
}
