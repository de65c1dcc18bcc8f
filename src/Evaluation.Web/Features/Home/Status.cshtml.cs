using Microsoft.AspNetCore.Diagnostics;

namespace Evaluation.Web.Features.Home;

/// <summary>Renders error statuses (403, 404, 500, 503) without changing them, so clients and tests still see the code.</summary>
[IgnoreAntiforgeryToken] // re-executed for failed POSTs too; it changes nothing
internal sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public string Message => Code switch
    {
        403 => "您没有访问此页面的权限。",
        404 => "页面或记录不存在。",
        503 => "数据库暂时不可用，请稍后再试。您的数据没有丢失。",
        _ => "服务器出错，请稍后再试。",
    };

    public void OnGet(int code) => Show(code);

    public void OnPost(int code) => Show(code);

    /// <summary>
    /// After an exception the handler has already chosen the status (503 when the database went away, see
    /// <see cref="Persistence.BrokenConnections"/>); the route's code is only the handler's fixed path.
    /// </summary>
    private void Show(int code)
    {
        Code = HttpContext.Features.Get<IExceptionHandlerFeature>() is not null ? Response.StatusCode : code;
        if (Code == StatusCodes.Status503ServiceUnavailable) Response.Headers.RetryAfter = "30";
    }
}
