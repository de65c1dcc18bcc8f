using Evaluation.Rules.Loading;

namespace Evaluation.Web.Features.Catalogue;

/// <summary>
/// The catalogue versions campaigns may pin, and the administrator's upload of a new one: a .zip of the
/// catalogue folder, checked by the catalogue loader; every positioned error is listed and nothing is
/// stored unless the whole version loads.
/// </summary>
[Authorize(Policy = Policies.Centre)]
[RequestSizeLimit(CatalogueArchive.MaxArchiveBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = CatalogueArchive.MaxArchiveBytes + 64 * 1024)]
internal sealed class VersionsModel(EvaluationDbContext db, CatalogueLibrary library, TimeProvider clock) : PageModel
{
    public IReadOnlyList<CatalogueVersionInfo> Versions { get; private set; } = [];
    public IReadOnlyList<CatalogueError> Errors { get; private set; } = [];
    public string? Uploaded { get; private set; }

    public async Task OnGetAsync(string? uploaded, CancellationToken cancellationToken)
    {
        Uploaded = uploaded;
        Versions = await library.VersionsAsync(db, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? archive, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(nameof(Role.Administrator))) return Forbid();
        var errors = new List<CatalogueError>();
        StoredCatalogue? stored = null;
        if (archive is null || archive.Length == 0)
            errors.Add(new CatalogueError("archive", 0, 0, null, "请选择目录压缩包 / choose the catalogue's .zip file"));
        else if (archive.Length > CatalogueArchive.MaxArchiveBytes)
            errors.Add(new CatalogueError(archive.FileName, 0, 0, null, $"larger than {CatalogueArchive.MaxArchiveBytes / 1024 / 1024} MB"));
        else
        {
            await using var stream = new MemoryStream();
            await archive.CopyToAsync(stream, cancellationToken);
            stream.Position = 0;
            var check = CatalogueArchive.Check(stream, Path.GetFileName(archive.FileName));
            errors.AddRange(check.Errors);
            if (check.IsValid)
            {
                var (id, version) = (check.Set!.Base.Id, check.Set.Base.Version);
                if (library.Exists(id, version))
                    errors.Add(new CatalogueError("catalogue.yaml", 1, 1, null,
                        $"版本 {id}@{version} 已存在，请修改 version / {id}@{version} exists already: give the new one its own version"));
                else
                    stored = new StoredCatalogue(Guid.NewGuid(), id, version, check.Set.Base.Title.Zh, check.Archive!,
                        CatalogueArchive.Sha256(check.Archive!), check.Files, Path.GetFileName(archive.FileName),
                        User.Identity?.Name ?? "", clock.GetUtcNow().UtcDateTime);
            }
        }
        if (stored is null)
        {
            Errors = errors;
            Versions = await library.VersionsAsync(db, cancellationToken);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        db.Set<StoredCatalogue>().Add(stored);
        try { await db.Because($"catalogue {stored.CatalogueId}@{stored.Version} uploaded").SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException)
        {
            // Two uploads of the same version at once: the unique index lets one in.
            Errors = [new CatalogueError("catalogue.yaml", 1, 1, null, $"{stored.CatalogueId}@{stored.Version} exists already")];
            db.ChangeTracker.Clear();
            Versions = await library.VersionsAsync(db, cancellationToken);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        return RedirectToPage(new { uploaded = $"{stored.CatalogueId}@{stored.Version}" });
    }
}
