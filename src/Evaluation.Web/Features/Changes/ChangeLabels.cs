namespace Evaluation.Web.Features.Changes;

/// <summary>The Chinese words (resource keys; SharedResource.en.resx has the English) for change kinds and subscription states.</summary>
internal static class ChangeLabels
{
    public static string Of(ChangeKind kind) => kind switch
    {
        ChangeKind.Published => "发布",
        ChangeKind.Expired => "到期",
        ChangeKind.Revoked => "撤销",
        ChangeKind.Downgraded => "降级",
        ChangeKind.MeasureStarted => "措施开始",
        ChangeKind.MeasureEnded => "措施终止",
        ChangeKind.MeasureExpired => "措施到期",
        _ => kind.ToString(),
    };

    public static string Of(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Pending => "待批准",
        SubscriptionStatus.Approved => "推送中",
        SubscriptionStatus.Rejected => "已拒绝",
        SubscriptionStatus.Suspended => "已暂停",
        _ => status.ToString(),
    };
}
