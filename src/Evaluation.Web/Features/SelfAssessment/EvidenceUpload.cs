using System.IO.Compression;
using System.Security.Cryptography;
using Evaluation.Web.Features.Facts;

namespace Evaluation.Web.Features.SelfAssessment;

/// <summary>
/// Evidence per indicator. The type is read from the content's magic bytes, never from the name or the
/// browser's claim: a renamed executable must not come back to a reviewer as a "PDF".
/// </summary>
internal sealed class EvidenceUpload(EvaluationDbContext db, AuditActor actor, TimeProvider clock)
{
    /// <summary>10 MB: scans of certificates and a workbook fit; anything larger belongs in the on-site review.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    public const string Accept = ".pdf,.jpg,.jpeg,.png,.xlsx,application/pdf,image/jpeg,image/png";

    /// <summary>Stores the file for the indicator, or says in Chinese (English beside) why not; nothing is stored on refusal.</summary>
    public async Task<string?> AddAsync(Draft draft, string indicatorId, IFormFile? file, CancellationToken cancellationToken)
    {
        if (!draft.Application.IsEditable) return "申报已提交，不能再上传 / submitted: no more uploads";
        if (draft.Catalogue.Indicators.All(i => i.Id != indicatorId)) return "请选择指标 / choose an indicator";
        var (evidence, error) = await ReadAsync(draft.Campaign.Id, draft.Enterprise.Id, indicatorId, file, cancellationToken);
        if (evidence is null) return error;
        db.EvidenceFiles.Add(evidence);
        await db.Because("企业上传证明材料 / evidence uploaded").SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// A checked, not yet stored evidence file: present, within the size limit, and PDF/JPEG/PNG/XLSX by its
    /// content (never by its name); otherwise the reason in Chinese with English beside.
    /// </summary>
    public async Task<(EvidenceFile? File, string? Error)> ReadAsync(Guid campaignId, Guid enterpriseId, string indicatorId,
        IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0) return (null, "请选择文件 / choose a file");
        if (file.Length > MaxBytes) return (null, $"文件超过 {MaxBytes / 1024 / 1024} MB / file larger than {MaxBytes / 1024 / 1024} MB");
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(content, cancellationToken);
        if (Sniff(content) is not { } type) return (null, "只接受 PDF、JPEG、PNG、XLSX 文件（按内容识别） / only PDF, JPEG, PNG or XLSX content");
        return (new EvidenceFile(Guid.NewGuid(), campaignId, enterpriseId, indicatorId, SafeName(file.FileName, type),
            type, content.Length, Convert.ToHexStringLower(SHA256.HashData(content)), content, null, actor.UserId ?? Guid.Empty,
            clock.GetUtcNow().UtcDateTime), null);
    }

    /// <summary>Removes one of the draft's files; false when it is not the draft's or the application is locked.</summary>
    public async Task<bool> RemoveAsync(Draft draft, Guid evidenceId, CancellationToken cancellationToken)
    {
        if (!draft.Application.IsEditable) return false;
        var file = await db.EvidenceFiles.SingleOrDefaultAsync(f => f.Id == evidenceId && f.EnterpriseId == draft.Enterprise.Id
            && f.CampaignId == draft.Campaign.Id, cancellationToken);
        if (file is null) return false;
        db.EvidenceFiles.Remove(file);
        await db.Because("企业删除证明材料 / evidence removed").SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The content type the bytes prove, or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content) => content switch
    {
        _ when content.StartsWith("%PDF-"u8) => "application/pdf",
        _ when content.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }) => "image/jpeg",
        _ when content.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }) => "image/png",
        _ when content.StartsWith("PK\u0003\u0004"u8) && IsWorkbook(content.ToArray()) =>
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => null,
    };

    // Any zip starts with PK: only one holding a workbook part is an XLSX (not a DOCX, not an archive of anything).
    private static bool IsWorkbook(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            return zip.GetEntry("[Content_Types].xml") is not null && zip.GetEntry("xl/workbook.xml") is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>
    /// The uploaded name without folders, control characters or quotes, cut to 200 characters (on a character
    /// boundary), and ending in the extension of the type the content proved: "x.html" holding a PDF is stored
    /// as "x.html.pdf", so neither a download nor a reviewer's desktop treats it as a page.
    /// </summary>
    internal static string SafeName(string name, string contentType)
    {
        var extension = Extensions[contentType];
        var file = Path.GetFileName(name.Replace('\\', '/'));
        file = new string([.. file.Where(c => !char.IsControl(c) && !char.IsSurrogate(c) && c is not '"' and not '/')]).Trim();
        if (file.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) file = file[..^extension.Length];
        if (contentType == "image/jpeg" && file.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase)) file = file[..^5];
        if (string.IsNullOrWhiteSpace(file)) file = "evidence";
        return (file.Length > 200 - extension.Length ? file[..(200 - extension.Length)] : file) + extension;
    }

    private static readonly Dictionary<string, string> Extensions = new(StringComparer.Ordinal)
    {
        ["application/pdf"] = ".pdf", ["image/jpeg"] = ".jpg", ["image/png"] = ".png",
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = ".xlsx",
    };
}

/// <summary>Download for the owning enterprise and the centre; anyone else (departments included) gets 404.</summary>
internal static class EvidenceDownload
{
    public static IEndpointRouteBuilder MapEvidenceDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet("/evidence/{id:guid}", async (Guid id, HttpContext http, EvaluationDbContext db, IAuthorizationService authorization,
            AuditActor actor, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var file = await db.EvidenceFiles.SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
            if (file is null || file.Content is null || !(await authorization.AuthorizeAsync(http.User, file, Policies.OwnRecord)).Succeeded)
                return Results.NotFound();
            // Who read which evidence is part of the record; a shared or proxy cache must keep no copy.
            db.AuditEntries.Add(AuditTrail.Event(nameof(EvidenceFile), file.Id.ToString(), "Downloaded", actor.Name, actor.UserId,
                clock.GetUtcNow().UtcDateTime, new Dictionary<string, string?> { ["FileName"] = file.FileName }, "下载证明材料 / evidence downloaded"));
            await db.SaveChangesAsync(cancellationToken);
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(file.Content, file.ContentType, file.FileName);
        }).RequireAuthorization().ExcludeFromDescription(); // a browser download, not part of the department API
        return app;
    }
}
