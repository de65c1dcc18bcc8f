using System.Text.Json;

namespace Evaluation.Web.Features.DepartmentData.Api;

/// <summary>
/// Around every /api request, in every environment: an unhandled exception becomes a 500 problem (503 with
/// Retry-After when the database is unreachable, the status of a <see cref="BadHttpRequestException"/> for a body
/// that cannot be read — with the JSON position as a field error), and an error status the framework left without
/// a body (401 from the challenge, 404 for an unknown path, 405, 415, 429) gets its problem body. A body larger than
/// <c>Api:MaxRequestBytes</c> is 413 before anything reads it. Pages keep their HTML status pages.
/// </summary>
internal sealed class ApiProblemsMiddleware(RequestDelegate next, IProblemDetailsService problems, IConfiguration configuration,
    ILogger<ApiProblemsMiddleware> logger)
{
    private readonly long _maxRequestBytes = configuration.GetValue("Api:MaxRequestBytes", 30_000_000L);

    public async Task InvokeAsync(HttpContext http)
    {
        if (!ApiProblems.IsApi(http))
        {
            await next(http);
            return;
        }
        if (http.Request.ContentLength > _maxRequestBytes)
        {
            await WriteAsync(http, ApiProblems.PayloadTooLarge, $"请求体不得超过 {_maxRequestBytes} 字节 / the body is limited to {_maxRequestBytes} bytes");
            return;
        }
        if (HasBody(http.Request) && !http.Request.HasJsonContentType())
        {
            await WriteAsync(http, ApiProblems.UnsupportedMediaType, $"收到 {http.Request.ContentType} / got {http.Request.ContentType}");
            return;
        }
        // Without a length (chunked) the limit is enforced while reading; Kestrel would too, a test server would not.
        var body = new LimitedReadStream(http.Request.Body, _maxRequestBytes);
        http.Request.Body = body;
        try
        {
            await next(http);
        }
        catch (Exception e) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            await WriteAsync(http, body.Exceeded ? new BadHttpRequestException("", StatusCodes.Status413PayloadTooLarge) : e);
            return;
        }
        // The binder swallows a read failure (it takes it for a client gone); the body's own count says what it was.
        if (body.Exceeded && !http.Response.HasStarted)
        {
            await WriteAsync(http, ApiProblems.PayloadTooLarge, $"请求体不得超过 {_maxRequestBytes} 字节 / the body is limited to {_maxRequestBytes} bytes");
            return;
        }
        if (!http.Response.HasStarted && http.Response.StatusCode >= 400 && http.Response.ContentLength is null or 0
            && string.IsNullOrEmpty(http.Response.ContentType))
            await WriteAsync(http, ApiProblems.ForStatus(http.Response.StatusCode), null);
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private Task WriteAsync(HttpContext http, Exception e)
    {
        if (e is BadHttpRequestException bad)
        {
            if (bad.InnerException is JsonException json) return WriteAsync(http, ApiProblems.MalformedRequest, JsonDetail(json), JsonErrors(json));
            var kind = ApiProblems.ForStatus(bad.StatusCode);
            return WriteAsync(http, kind.Status == 400 ? ApiProblems.MalformedRequest : kind, kind.Status == 413 ? ApiProblems.PayloadTooLarge.Title : null);
        }
        if (BrokenConnections.IsBroken(e))
        {
            logger.LogWarning(e, "API request {Path} failed: the database is unreachable", http.Request.Path);
            http.Response.Headers.RetryAfter = "30";
            return WriteAsync(http, ApiProblems.Unavailable, "数据库暂不可用 / the database is unreachable");
        }
        logger.LogError(e, "API request {Path} failed", http.Request.Path);
        return WriteAsync(http, ApiProblems.InternalError, "请求未能完成，已记录；请附跟踪标识联系评价中心 / the request failed and was logged; quote the trace id to the centre");
    }

    private async Task WriteAsync(HttpContext http, ProblemKind kind, string? detail, IReadOnlyList<FieldError>? errors = null)
    {
        var retryAfter = http.Response.Headers.RetryAfter;
        var challenge = http.Response.Headers.WWWAuthenticate;
        http.Response.Clear();
        if (retryAfter.Count > 0) http.Response.Headers.RetryAfter = retryAfter;
        if (challenge.Count > 0) http.Response.Headers.WWWAuthenticate = challenge;
        http.Response.StatusCode = kind.Status;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = ApiProblems.Details(kind, detail, errors) });
    }

    private static string JsonDetail(JsonException json) =>
        $"请求体不是有效的 JSON（{json.Path}，第 {json.LineNumber + 1} 行）/ the body is not valid JSON for this operation at {json.Path} (line {json.LineNumber + 1}, byte {json.BytePositionInLine})";

    /// <summary>"$[3].value" names item 3's field "value"; a path outside the batch names no item.</summary>
    private static List<FieldError> JsonErrors(JsonException json)
    {
        var path = json.Path ?? "$";
        var item = System.Text.RegularExpressions.Regex.Match(path, @"^\$\[(\d+)\]\.?(.*)$");
        return item.Success && int.TryParse(item.Groups[1].Value, out var index)
            ? [new FieldError(index, item.Groups[2].Value.Length > 0 ? item.Groups[2].Value : "item", "JSON 类型或格式不符 / wrong JSON type or syntax")]
            : [new FieldError(null, path, "JSON 类型或格式不符 / wrong JSON type or syntax")];
    }
}

/// <summary>A request body that refuses to be read past a limit (413), whatever the server does.</summary>
internal sealed class LimitedReadStream(Stream inner, long limit) : Stream
{
    private long _read;

    public bool Exceeded => _read > limit;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int read)
    {
        _read += read;
        if (_read > limit) throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
