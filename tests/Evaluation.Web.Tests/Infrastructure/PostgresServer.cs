using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;

namespace Evaluation.Web.Tests.Infrastructure;

/// <summary>
/// A private PostgreSQL 15 server for the whole test run: the machine's binaries, a temporary data
/// directory, a random port. It refuses to be skipped: if it cannot start, every test that needs it fails
/// with the server's own log.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string DefaultBin = "/usr/lib/postgresql/15/bin";
    private static readonly bool AsRoot = Environment.IsPrivilegedProcess;
    private readonly string _bin = Environment.GetEnvironmentVariable("EVALUATION_PG_BIN") ?? DefaultBin;
    // As root the server runs as postgres, which must reach the directory: /tmp, not a private TMPDIR.
    private readonly string _dir = Path.Combine(AsRoot ? "/tmp" : Path.GetTempPath(), "evaluation-pg-" + Guid.NewGuid().ToString("N")[..12]);
    private int _databases;

    public int Port { get; private set; }

    private string DataDir => Path.Combine(_dir, "data");
    private string LogFile => Path.Combine(_dir, "server.log");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(_bin, "initdb")))
            throw new InvalidOperationException($"PostgreSQL binaries not found in {_bin} (install postgresql-15 or set EVALUATION_PG_BIN).");
        Directory.CreateDirectory(_dir);
        // The server refuses to run as root; as root the directory goes to the postgres user and commands run as it.
        if (AsRoot) await RunAsync("chown", ["-R", "postgres:postgres", _dir], asPostgres: false);
        await RunAsync(Path.Combine(_bin, "initdb"), ["-D", DataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
        Port = FreePort();
        await StartAsync();
    }

    /// <summary>
    /// Starts the server on its data directory and port: at first, and again after <see cref="StopImmediatelyAsync"/>
    /// (crash recovery replays the WAL, as after a power cut). fsync is off, which loses nothing here: the
    /// operating system survives, only the server dies.
    /// </summary>
    public async Task StartAsync()
    {
        var serverOptions = $"-p {Port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDir, "-o", serverOptions, "-l", LogFile, "-w", "-t", "60", "start"]);
    }

    /// <summary>
    /// Kills the server the hard way (<c>pg_ctl stop -m immediate</c>: every backend quits at once, no checkpoint,
    /// open transactions are cut off mid-statement), for fault tests. Only on a server of the test's own.
    /// </summary>
    public Task StopImmediatelyAsync() =>
        RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDir, "-m", "immediate", "-w", "stop"]);

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Include Error Detail=true;Pooling=true";

    /// <summary>A new, empty database: each test class gets its own, so no test sees another's rows.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"evaluation_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..6]}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return name;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        // A fault test may have left it stopped; then there is nothing to stop.
        if (Port != 0 && File.Exists(Path.Combine(DataDir, "postmaster.pid"))) await StopImmediatelyAsync();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { } // a left-over temp directory is harmless; a failed test run is not
    }

    private async Task RunAsync(string file, string[] args, bool asPostgres = true)
    {
        var start = new ProcessStartInfo(asPostgres && AsRoot ? "runuser" : file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres && AsRoot) foreach (var a in new[] { "-u", "postgres", "--", file }) start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"PostgreSQL test server: '{file} {string.Join(' ', args)}' exited {process.ExitCode}.\n" +
                $"{await stdout}\n{await stderr}\n{ServerLog()}");
    }

    /// <summary>
    /// CPU time the server has used so far (user + system, from /proc): the postmaster, its live backends, and the
    /// backends that have exited (reaped by the postmaster, so counted in its children's times). For benchmarks
    /// on a shared machine, where CPU time says more than wall time.
    /// </summary>
    public TimeSpan CpuTime()
    {
        var pidFile = Path.Combine(DataDir, "postmaster.pid");
        if (!File.Exists(pidFile)) return TimeSpan.Zero;
        var postmaster = int.Parse(File.ReadLines(pidFile).First(), System.Globalization.CultureInfo.InvariantCulture);
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); }
            catch (IOException) { continue; } // exited meanwhile
            // Fields after the command name (which may hold spaces): state ppid … utime(14) stime(15) cutime(16) cstime(17).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var parent = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            if (pid != postmaster && parent != postmaster) continue;
            ticks += long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
            if (pid == postmaster)
                ticks += long.Parse(fields[13], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[14], System.Globalization.CultureInfo.InvariantCulture);
        }
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }

    private string ServerLog() => File.Exists(LogFile) ? "server log:\n" + File.ReadAllText(LogFile) : "";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
