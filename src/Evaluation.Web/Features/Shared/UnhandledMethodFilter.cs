using Microsoft.AspNetCore.Mvc.Filters;

namespace Evaluation.Web.Features.Shared;

/// <summary>
/// A POST to a page that has no handler for it would render the page without its GET having run (a 500 on a
/// half-loaded model); answer 405 instead. Found by the authorization matrix.
/// </summary>
internal sealed class UnhandledMethodFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context) { }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is null && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context) { }
}
