using System.Collections.Concurrent;
using Evaluation.Rules.Loading;
using Microsoft.Extensions.Options;

namespace Evaluation.Web.Features.Catalogue;

internal sealed class CatalogueOptions
{
    public const string Section = "Catalogue";

    /// <summary>The folder holding &lt;catalogue-id&gt;/&lt;version&gt;/catalogue.yaml; found upward from the content root when empty.</summary>
    public string RulesPath { get; set; } = "";
}

/// <summary>A catalogue version campaigns may pin: shipped in rules/ or uploaded by the centre.</summary>
internal sealed record CatalogueVersionInfo(string CatalogueId, string Version, string Title, bool Uploaded, DateTime? UploadedAt)
{
    public string Key => $"{CatalogueId}@{Version}";
}

/// <summary>
/// The catalogue versions campaigns pin, loaded once each and kept: loading validates the whole catalogue,
/// and a campaign's rules never change under it. Versions come from rules/ (shipped with the platform) and
/// from the database (uploaded by the centre, docs/decisions/0008); an uploaded version is unpacked into a
/// folder named by its hash and read by the same loader.
/// </summary>
internal sealed class CatalogueLibrary(IOptions<CatalogueOptions> options, IHostEnvironment env, IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<string, Lazy<CatalogueSet>> _sets = new(StringComparer.Ordinal);

    public CatalogueSet Get(string catalogueId, string version)
    {
        var key = $"{catalogueId}@{version}";
        var lazy = _sets.GetOrAdd(key, _ => new Lazy<CatalogueSet>(() => Load(catalogueId, version)));
        try { return lazy.Value; }
        catch
        {
            _sets.TryRemove(new KeyValuePair<string, Lazy<CatalogueSet>>(key, lazy)); // a version uploaded later must load
            throw;
        }
    }

    public bool Exists(string catalogueId, string version) =>
        _sets.ContainsKey($"{catalogueId}@{version}") || InRules(catalogueId, version) || Stored(catalogueId, version, withArchive: false) is not null;

    /// <summary>Every version there is, shipped and uploaded, ordered by catalogue then version.</summary>
    public async Task<IReadOnlyList<CatalogueVersionInfo>> VersionsAsync(EvaluationDbContext db, CancellationToken cancellationToken)
    {
        var list = new List<CatalogueVersionInfo>();
        var root = RulesRoot();
        foreach (var catalogue in Directory.GetDirectories(root))
            foreach (var version in Directory.GetDirectories(catalogue))
                if (File.Exists(Path.Combine(version, "catalogue.yaml")))
                    list.Add(new(Path.GetFileName(catalogue), Path.GetFileName(version), TitleOf(Path.GetFileName(catalogue), Path.GetFileName(version)), false, null));
        var stored = await db.Set<StoredCatalogue>().AsNoTracking()
            .Select(s => new { s.CatalogueId, s.Version, s.Title, s.UploadedAt }).ToListAsync(cancellationToken);
        list.AddRange(stored.Where(s => !list.Any(l => l.CatalogueId == s.CatalogueId && l.Version == s.Version))
            .Select(s => new CatalogueVersionInfo(s.CatalogueId, s.Version, s.Title, true, s.UploadedAt)));
        return [.. list.OrderBy(v => v.CatalogueId, StringComparer.Ordinal).ThenBy(v => v.Version, StringComparer.Ordinal)];
    }

    private string TitleOf(string catalogueId, string version)
    {
        try { return Get(catalogueId, version).Base.Title.Zh; }
        catch (CatalogueException) { return "(无法加载 / does not load)"; }
    }

    private bool InRules(string catalogueId, string version) =>
        CatalogueArchive.IsSafeName(catalogueId) && CatalogueArchive.IsSafeName(version)
        && File.Exists(Path.Combine(RulesRoot(), catalogueId, version, "catalogue.yaml"));

    private CatalogueSet Load(string catalogueId, string version)
    {
        if (InRules(catalogueId, version)) return CatalogueLoader.LoadDirectory(Path.Combine(RulesRoot(), catalogueId, version));
        var stored = Stored(catalogueId, version, withArchive: true)
            ?? throw new KeyNotFoundException($"No catalogue {catalogueId}@{version} in rules/ or among uploaded versions.");
        // Content-addressed: every instance (and every test app) unpacking the same archive gets the same folder.
        var dir = Path.Combine(Path.GetTempPath(), "evaluation-catalogues", stored.Sha256);
        if (!File.Exists(Path.Combine(dir, "catalogue.yaml")))
        {
            var staging = dir + "." + Guid.NewGuid().ToString("N");
            CatalogueArchive.Extract(stored.Archive, staging);
            try { Directory.Move(staging, dir); }
            catch (IOException) { Directory.Delete(staging, recursive: true); } // another request unpacked it first
        }
        return CatalogueLoader.LoadDirectory(dir);
    }

    private StoredCatalogue? Stored(string catalogueId, string version, bool withArchive)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EvaluationDbContext>();
        var query = db.Set<StoredCatalogue>().AsNoTracking().Where(s => s.CatalogueId == catalogueId && s.Version == version);
        return withArchive ? query.SingleOrDefault()
            : query.Select(s => new StoredCatalogue(s.Id, s.CatalogueId, s.Version, s.Title, Array.Empty<byte>(), s.Sha256, s.Files,
                s.FileName, s.UploadedBy, s.UploadedAt)).SingleOrDefault();
    }

    private string RulesRoot()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.RulesPath)) return options.Value.RulesPath;
        for (var dir = new DirectoryInfo(env.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            var rules = Path.Combine(dir.FullName, "rules");
            if (Directory.Exists(rules)) return rules;
        }
        throw new DirectoryNotFoundException($"No rules/ folder above {env.ContentRootPath}; set Catalogue:RulesPath.");
    }
}
