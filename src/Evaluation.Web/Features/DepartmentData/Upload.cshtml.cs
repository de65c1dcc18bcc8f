using Evaluation.Web.Features.Facts;

namespace Evaluation.Web.Features.DepartmentData;

/// <summary>
/// Upload → check every row → preview every error and the changes → commit all or nothing. The commit
/// re-reads and re-checks the stored file, so what is committed is what the checks pass at that moment.
/// </summary>
[Authorize(Policy = Policies.Department)]
// The body may be larger than MaxBytes so that a file over it reaches the handler and is refused with a
// message; the form reader buffers a large file on disk, not in memory, and the handler never reads it.
[RequestSizeLimit(200_000_000)]
[RequestFormLimits(MultipartBodyLengthLimit = 200_000_000)]
internal sealed class UploadModel(EvaluationDbContext db, DepartmentScope scope, FactLedger ledger, UploadStore uploads)
    : PageModel
{
    public const int PreviewLimit = 500;

    /// <summary>32 MB: a 100,000-row sheet of a department's inputs is a few MB; a larger file is refused unread.</summary>
    public const long MaxBytes = 32L * 1024 * 1024;

    [BindProperty(SupportsGet = true)] public int? Committed { get; set; }

    public SubmissionCheck? Check { get; private set; }

    /// <summary>Set when the commit lost a race with another change: the page says so and shows the new preview.</summary>
    public string? Conflict { get; private set; }
    public Guid UploadId { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnGetTemplateAsync(string? format, CancellationToken cancellationToken)
    {
        var campaign = await scope.OpenCampaignAsync(cancellationToken);
        if (campaign is null) return NotFound();
        var department = User.DepartmentId()!;
        var inputs = scope.InputsOf(campaign, department).Values;
        var content = new MemoryStream();
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        if (xlsx) XlsxFiles.WriteTemplate(content, inputs);
        else CsvFiles.WriteTemplate(content, inputs);
        content.Position = 0;
        return xlsx
            ? File(content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{department}-{campaign.Year}-template.xlsx")
            : File(content, "text/csv; charset=utf-8", $"{department}-{campaign.Year}-template.csv");
    }

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0) return Refuse(StatusCodes.Status400BadRequest, "文件为空或未选择文件 / the file is empty or no file was chosen");
        if (file.Length > MaxBytes)
            return Refuse(StatusCodes.Status413PayloadTooLarge,
                $"文件 {file.Length / 1024 / 1024} MB，超过 {MaxBytes / 1024 / 1024} MB 上限，未读取 / the file is {file.Length / 1024 / 1024} MB, over the {MaxBytes / 1024 / 1024} MB limit; it was not read");
        var department = User.DepartmentId()!;
        var format = Path.GetExtension(file.FileName).Equals(".xlsx", StringComparison.OrdinalIgnoreCase) ? "xlsx" : "csv";
        await using (var content = file.OpenReadStream())
            UploadId = await uploads.SaveAsync(department, format, content, cancellationToken);
        Check = await CheckAsync(department, UploadId, cancellationToken);
        if (Check is null) return NotFound();
        if (!Check.IsValid) uploads.Delete(department, UploadId);
        return Page();
    }

    public async Task<IActionResult> OnPostCommitAsync(Guid upload, CancellationToken cancellationToken)
    {
        var department = User.DepartmentId()!;
        var campaign = await scope.OpenCampaignAsync(cancellationToken);
        Check = await CheckAsync(department, upload, cancellationToken);
        if (Check is null || campaign is null) return NotFound();
        if (!Check.IsValid) return Page();
        int count;
        try
        {
            count = await ledger.RecordSubmissionAsync(campaign, department, Check.Changes, "部门批量上传 / department file upload", cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone changed a value this file supersedes since the check: nothing was stored. The file is kept and
            // checked again against the values as they are now, so the officer sees the new preview and may commit it.
            Conflict = FactLedger.ChangedMeanwhile;
            UploadId = upload;
            Check = await CheckAsync(department, upload, cancellationToken);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        uploads.Delete(department, upload);
        return RedirectToPage(new { committed = count });
    }

    /// <summary>The page with one error about the file as a whole, and the status that says what kind.</summary>
    private PageResult Refuse(int status, string message)
    {
        Check = new SubmissionCheck();
        Check.Errors.Add(new SubmissionError(1, "file", message));
        Response.StatusCode = status;
        return Page();
    }

    private async Task<SubmissionCheck?> CheckAsync(string department, Guid upload, CancellationToken cancellationToken)
    {
        var campaign = await scope.OpenCampaignAsync(cancellationToken);
        var (content, format) = uploads.Open(department, upload);
        await using var _ = content;
        if (campaign is null || content is null) return null;
        var validator = await SubmissionValidator.CreateAsync(db, scope, campaign, department, cancellationToken);
        if (format == "xlsx" && XlsxFiles.ExpansionProblem(content) is { } bomb)
        {
            validator.Fail(1, "file", bomb);
            return validator.Result;
        }
        try
        {
            SheetValidation.Validate(format == "xlsx" ? XlsxFiles.Rows(content) : CsvFiles.Rows(content), validator);
        }
        catch (Exception e) when (e is DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or FileFormatException or InvalidDataException
            or System.Xml.XmlException or System.Text.DecoderFallbackException or IOException)
        {
            validator.Fail(1, "-", $"无法读取文件 / the file cannot be read: {e.Message}");
        }
        return validator.Result;
    }
}
