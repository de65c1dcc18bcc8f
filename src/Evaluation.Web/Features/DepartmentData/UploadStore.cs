namespace Evaluation.Web.Features.DepartmentData;

/// <summary>
/// Keeps an uploaded file between its preview and its commit, so the commit re-reads and re-checks the
/// very bytes the officer previewed. Files are named per department: an officer cannot commit another
/// department's upload by guessing its id.
/// </summary>
internal sealed class UploadStore
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "evaluation-uploads");

    /// <param name="format">"csv" or "xlsx"; kept as the file's extension.</param>
    public async Task<Guid> SaveAsync(string departmentId, string format, Stream content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_root);
        var id = Guid.NewGuid();
        await using var file = File.Create(PathOf(departmentId, id, format));
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

    private string PathOf(string departmentId, Guid id, string format) => Path.Combine(_root, $"{departmentId}-{id:N}.{format}");
}
