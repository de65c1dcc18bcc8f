namespace Evaluation.Web.Features.DepartmentData;

/// <summary>
/// Keeps an uploaded file between its preview and its commit, so the commit re-reads and re-checks the
/// very bytes the officer previewed. Files are named per department: an officer cannot commit another
/// department's upload by guessing its id.
/// </summary>
internal sealed class UploadStore
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "evaluation-uploads");

    public async Task<Guid> SaveAsync(string departmentId, Stream content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_root);
        var id = Guid.NewGuid();
        await using var file = File.Create(PathOf(departmentId, id));
        await content.CopyToAsync(file, cancellationToken);
        return id;
    }

    public Stream? Open(string departmentId, Guid id) =>
        File.Exists(PathOf(departmentId, id)) ? new FileStream(PathOf(departmentId, id), FileMode.Open, FileAccess.Read,
            FileShare.Read, 1 << 16, FileOptions.SequentialScan) : null;

    public void Delete(string departmentId, Guid id) => File.Delete(PathOf(departmentId, id));

    private string PathOf(string departmentId, Guid id) => Path.Combine(_root, $"{departmentId}-{id:N}.csv");
}
