using Microsoft.AspNetCore.Mvc.Filters;

namespace Evaluation.Web.Features.Shared;

/// <summary>A refused workflow move is the user's stale page, not a server fault: answer 409, not 500.</summary>
internal sealed class IllegalTransitionFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context) { }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context) { }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
        if (context.Exception is not IllegalTransitionException e) return;
        context.Result = new ContentResult { StatusCode = StatusCodes.Status409Conflict, Content = e.Message };
        context.ExceptionHandled = true;
    }
}
