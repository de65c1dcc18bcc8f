using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Evaluation.Web.Features.Catalogue;

/// <summary>
/// A catalogue version uploaded by the centre (docs/decisions/0008): the validated YAML files as a
/// normalised zip (catalogue.yaml, park.yaml, sme.yaml, variants/*.yaml at its root). Stored in the
/// database so every instance behind the load balancer sees it; never changed once stored.
/// </summary>
internal sealed class StoredCatalogue : IAudited
{
    private StoredCatalogue() { }

    public StoredCatalogue(Guid id, string catalogueId, string version, string title, byte[] archive, string sha256,
        int files, string fileName, string uploadedBy, DateTime uploadedAt)
    {
        (Id, CatalogueId, Version, Title, Archive, Sha256) = (id, catalogueId, version, title, archive, sha256);
        (Files, FileName, UploadedBy, UploadedAt) = (files, fileName, uploadedBy, uploadedAt);
    }

    public Guid Id { get; private set; }
    public string CatalogueId { get; private set; } = "";
    public string Version { get; private set; } = "";
    public string Title { get; private set; } = "";

    [NotAudited] public byte[] Archive { get; private set; } = [];

    /// <summary>Hex SHA-256 of <see cref="Archive"/>; recorded in the audit log instead of the bytes.</summary>
    public string Sha256 { get; private set; } = "";
    public int Files { get; private set; }
    public string FileName { get; private set; } = "";
    public string UploadedBy { get; private set; } = "";
    public DateTime UploadedAt { get; private set; }

    string IAudited.AuditKey => $"{CatalogueId}@{Version}";
}

internal sealed class StoredCatalogueModel : IEntityTypeConfiguration<StoredCatalogue>
{
    public void Configure(EntityTypeBuilder<StoredCatalogue> e)
    {
        e.ToTable("CatalogueVersions");
        e.Property(x => x.CatalogueId).HasMaxLength(100);
        e.Property(x => x.Version).HasMaxLength(32);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.FileName).HasMaxLength(260);
        e.Property(x => x.UploadedBy).HasMaxLength(64);
        e.HasIndex(x => new { x.CatalogueId, x.Version }).IsUnique();
    }
}
