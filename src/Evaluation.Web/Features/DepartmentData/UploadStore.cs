namespace Evaluation.Web.Features.DepartmentData;

/// <summary>
/// Keeps an uploaded file between its preview and its commit, so the commit re-reads and re-checks the
/// very bytes the officer previewed. Files are named per department: an officer cannot commit another
/// department's upload by guessing its id.
/// </summary>
internal sealed class UploadStore
{
    /// <summary>A preview nobody committed within this time is swept away.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(24);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "evaluation-uploads");

    /// <param name="format">"csv" or "xlsx"; kept as the file's extension.</param>
    public async Task<Guid> SaveAsync(string departmentId, string format, Stream content, CancellationToken cancellationToken)
    {
        CreatePrivateFolder();
        SweepAbandoned();
        var id = Guid.NewGuid();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        // Readable by the app's own user only: the temp folder is shared with every other user of the machine.
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using var file = new FileStream(PathOf(departmentId, id, format), options);
        await content.CopyToAsync(file, cancellationToken);
        return id;
    }

    public (Stream? Content, string Format) Open(string departmentId, Guid id)
    {
        foreach (var format in new[] { "csv", "xlsx" })
            if (File.Exists(PathOf(departmentId, id, format)))
                return (new FileStream(PathOf(departmentId, id, format), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16,
                    FileOptions.SequentialScan), format);
        return (null, "");
    }

    public void Delete(string departmentId, Guid id)
    {
        foreach (var format in new[] { "csv", "xlsx" }) File.Delete(PathOf(departmentId, id, format));
    }

    /// <summary>The folder, owner-only (0700) on Unix, also when an earlier version left it world-readable.</summary>
    private void CreatePrivateFolder()
    {
        if (OperatingSystem.IsWindows()) { Directory.CreateDirectory(_root); return; }
        const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(_root, owner);
        if (File.GetUnixFileMode(_root) != owner) File.SetUnixFileMode(_root, owner);
    }

    private void SweepAbandoned()
    {
        // File times come from the machine's clock, so the age is measured on it too, not on the app's TimeProvider.
        var before = DateTime.UtcNow - KeepFor;
        foreach (var file in new DirectoryInfo(_root).EnumerateFiles())
        {
            try { if (file.LastWriteTimeUtc < before) file.Delete(); }
            catch (IOException) { } // another request is sweeping or reading it: leave it for the next sweep
        }
    }

    private string PathOf(string departmentId, Guid id, string format) => Path.Combine(_root, $"{departmentId}-{id:N}.{format}");
}
