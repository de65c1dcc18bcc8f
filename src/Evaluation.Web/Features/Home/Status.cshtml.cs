using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Evaluation.Web.Features.Home;

/// <summary>Renders error statuses (403, 404, 500) without changing them, so clients and tests still see the code.</summary>
[IgnoreAntiforgeryToken] // re-executed for failed POSTs too; it changes nothing
internal sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public string Message => Code switch
    {
        403 => "您没有访问此页面的权限。",
        404 => "页面或记录不存在。",
        _ => "服务器出错，请稍后再试。",
    };

    public void OnGet(int code) => Code = code;

    public void OnPost(int code) => Code = code;
}
