using Evaluation.Web.Features.Facts;
using Evaluation.Web.Features.Publication;

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

    public static string Zh(this Track t) => t == Track.Full ? "完整指标" : "小微企业分项创建";

    public static string Zh(this SizeClass s) => s switch
    {
        SizeClass.Large => "大型",
        SizeClass.Medium => "中型",
        SizeClass.Small => "小型",
        _ => "微型",
    };

    public static string Zh(this Accounts.Role r) => r switch
    {
        Accounts.Role.Enterprise => "企业用户",
        Accounts.Role.Department => "成员单位经办人",
        Accounts.Role.Reviewer => "评审员",
        _ => "评价中心管理员",
    };

    /// <summary>A scoring run's state; the English comes from the resources like every other label.</summary>
    public static string Zh(this Scoring.ScoringRunStatus s) => s == Scoring.ScoringRunStatus.Completed ? "已完成" : "进行中";

    public static string Zh(this RatingStatus s) => s == RatingStatus.Published ? "有效" : "已撤销";
}
