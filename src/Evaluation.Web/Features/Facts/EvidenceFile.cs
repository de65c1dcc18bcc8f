namespace Evaluation.Web.Features.Facts;

/// <summary>
/// A document backing an indicator (证明材料). Small files live in the database so every instance sees
/// them; large ones on shared disk, named by their hash.
/// </summary>
internal sealed class EvidenceFile : IEnterpriseRecord
{
    private EvidenceFile() { }

    public EvidenceFile(Guid id, Guid campaignId, Guid enterpriseId, string indicatorId, string fileName,
        string contentType, long size, string sha256, byte[]? content, string? storagePath, Guid uploadedByUserId,
        DateTime uploadedAt)
    {
        if ((content is null) == (storagePath is null))
            throw new ArgumentException("Evidence is stored either in the database or on disk.", nameof(content));
        (Id, CampaignId, EnterpriseId, IndicatorId, FileName, ContentType) =
            (id, campaignId, enterpriseId, indicatorId, fileName, contentType);
        (Size, Sha256, Content, StoragePath, UploadedByUserId, UploadedAt) =
            (size, sha256, content, storagePath, uploadedByUserId, uploadedAt);
    }

    public Guid Id { get; private set; }
    public Guid CampaignId { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public string IndicatorId { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the content.</summary>
    public string Sha256 { get; private set; } = "";
    public byte[]? Content { get; private set; }
    public string? StoragePath { get; private set; }
    public Guid UploadedByUserId { get; private set; }
    public DateTime UploadedAt { get; private set; }

    /// <summary>The objection this file supports (its indicator is then <see cref="ObjectionIndicator"/>), if any.</summary>
    public Guid? ObjectionId { get; private set; }

    /// <summary>The indicator id an objection's evidence carries: it backs the objection, not one indicator.</summary>
    public const string ObjectionIndicator = "objection";

    public EvidenceFile Supporting(Guid objectionId)
    {
        ObjectionId = objectionId;
        return this;
    }
}
