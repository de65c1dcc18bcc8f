using Evaluation.Web.Features.Campaigns;
using Evaluation.Web.Features.Facts;

namespace Evaluation.Web.Features.Shared;

/// <summary>Chinese names for states shown on pages; the English switch shows the identifier beside them.</summary>
internal static class Labels
{
    public static string Zh(this ApplicationStatus s) => s switch
    {
        ApplicationStatus.Draft => "草稿",
        ApplicationStatus.Submitted => "已提交",
        ApplicationStatus.InReview => "评审中",
        ApplicationStatus.Returned => "已退回",
        ApplicationStatus.Accepted => "已受理",
        ApplicationStatus.Scored => "已评分",
        ApplicationStatus.PublicNotice => "公示中",
        ApplicationStatus.Published => "已发布",
        _ => s.ToString(),
    };

    public static string Zh(this FactOrigin o) => o switch
    {
        FactOrigin.Enterprise => "企业自报",
        FactOrigin.Department => "部门提供",
        FactOrigin.Survey => "问卷调查",
        FactOrigin.Reviewer => "现场评审",
        _ => o.ToString(),
    };
}
