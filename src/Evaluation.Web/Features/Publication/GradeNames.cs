namespace Evaluation.Web.Features.Publication;

internal static class GradeNames
{
    public static string Zh(this Grade g) => g switch
    {
        Grade.A => "优秀",
        Grade.B => "达标",
        Grade.C => "不达标",
        _ => "社会责任严重缺失",
    };

    public static string En(this Grade g) => g switch
    {
        Grade.A => "excellent",
        Grade.B => "meets the standard",
        Grade.C => "below the standard",
        _ => "serious lack of social responsibility",
    };
}
