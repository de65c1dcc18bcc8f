namespace Evaluation.Web.Features.Departments;

/// <summary>A member department (成员单位); its id is the catalogue's `source` value for the inputs it owns.</summary>
internal sealed class Department
{
    private Department() { }

    public Department(string id, string nameZh, string nameEn) => (Id, NameZh, NameEn) = (id, nameZh, nameEn);

    public string Id { get; private set; } = "";
    public string NameZh { get; private set; } = "";
    public string NameEn { get; private set; } = "";
}

internal static class MemberDepartments
{
    /// <summary>The departments of the joint evaluation; migrations insert them, the catalogue refers to them.</summary>
    public static readonly IReadOnlyList<Department> All =
    [
        new("hrss", "人社局", "Human Resources and Social Security Bureau"),
        new("safety", "应急管理局", "Emergency Management Bureau"),
        new("health", "卫健委", "Health Commission"),
        new("env", "生态环境局", "Ecology and Environment Bureau"),
        new("market", "市场监管局", "Market Supervision Administration"),
        new("tax", "税务局", "Tax Bureau"),
        new("court", "法院", "People's Court"),
        new("union", "总工会", "Federation of Trade Unions"),
        new("credit", "信用办", "Social Credit Office"),
        new("science", "科技局", "Science and Technology Bureau"),
        new("econ", "经信局", "Economy and Information Technology Bureau"),
        new("dpf", "残联", "Disabled Persons' Federation"),
        new("civil", "民政局", "Civil Affairs Bureau"),
    ];
}
