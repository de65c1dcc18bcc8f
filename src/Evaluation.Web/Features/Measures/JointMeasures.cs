namespace Evaluation.Web.Features.Measures;

internal enum MeasureKind { Incentive, Sanction }

/// <summary>The document and provision a measure rests on (依据).</summary>
internal sealed record Basis(string DocumentZh, string DocumentEn, string ProvisionZh, string ProvisionEn);

/// <summary>A joint incentive or sanction (联合奖惩措施): what it is, which kind, and its basis.</summary>
internal sealed record JointMeasure(string Id, MeasureKind Kind, string NameZh, string NameEn, Basis Basis);

/// <summary>
/// The measures of Ningbo's joint incentives and sanctions as seed 004 (part 二.3) describes them. The two documents
/// are named there, but their article numbers are not (the platform holds no copy of their text), so a basis gives
/// the document and the provision as the seed states it; an article number can be added here when the text is at hand.
/// </summary>
internal static class JointMeasures
{
    private static readonly Basis Use = new("《宁波市和谐企业创建成果运用实施办法》", "Ningbo implementing measures for the use of harmonious-enterprise results", "", "");
    private static readonly Basis Scheme = new("《宁波市和谐企业评价指标体系》小微企业分项创建（评价目录 sme.yaml）", "Ningbo harmonious-enterprise index, small-enterprise scheme (catalogue sme.yaml)", "", "");
    private static readonly Basis Credit = new("《宁波市企业信用监管和社会责任评价办法》（政府规章）", "Ningbo measures for enterprise credit supervision and social-responsibility evaluation (government regulation)", "", "");

    public static readonly JointMeasure SpecialFunds = new("special-funds", MeasureKind.Incentive,
        "政府专项资金安排优先优惠", "Priority in government special funds",
        Use with { ProvisionZh = "在政府专项资金安排方面给予优先优惠", ProvisionEn = "priority and preference in the allocation of government special funds" });

    public static readonly JointMeasure RateAdjustment = new("rate-adjustment", MeasureKind.Incentive,
        "费率调整优先优惠", "Preference in rate adjustments",
        Use with { ProvisionZh = "在费率调整方面给予优先优惠", ProvisionEn = "priority and preference in rate adjustments" });

    public static readonly JointMeasure PublicServices = new("public-services", MeasureKind.Incentive,
        "公共服务优先", "Priority in public services",
        Use with { ProvisionZh = "在公共服务等方面给予优先优惠", ProvisionEn = "priority and preference in public services" });

    public static readonly JointMeasure HonoursEligible = new("honours-eligible", MeasureKind.Incentive,
        "参加评比和政治安排的必要条件已具备", "Meets the condition for honours and political appointments",
        Use with
        {
            ProvisionZh = "作为企业及企业主要负责人参加各类评比、人大代表等政治安排的必要条件和基本条件",
            ProvisionEn = "a necessary and basic condition for the enterprise and its principal in honours and political appointments such as people's congress deputies",
        });

    public static readonly JointMeasure TaxRebatePriority = new("tax-rebate-priority", MeasureKind.Incentive,
        "税收返还、土地安排优先（县市区）", "Priority in tax rebates and land (districts)",
        Use with { ProvisionZh = "有的县（市）区、乡镇（街道）在税收返还、土地安排等方面给予优先", ProvisionEn = "some districts and towns give priority in tax rebates and land allocation" });

    public static readonly JointMeasure FewerInspections = new("fewer-inspections", MeasureKind.Incentive,
        "减少或免于日常检查", "Fewer or no routine inspections",
        Credit with { ProvisionZh = "A 类企业减少或免于日常检查（32家市级职能部门 ABCD 四级分类监管）", ProvisionEn = "class A: fewer or no routine inspections (32 municipal departments classify enterprises A–D)" });

    public static readonly JointMeasure KeySupervision = new("key-supervision", MeasureKind.Sanction,
        "列为重点监管对象", "Key supervision",
        Credit with { ProvisionZh = "D 类企业实施重点监管和惩戒", ProvisionEn = "class D: key supervision and sanctions" });

    public static readonly JointMeasure HonoursBarred = new("honours-barred", MeasureKind.Sanction,
        "不得参加各类评比和政治安排", "Barred from honours and political appointments",
        Use with
        {
            ProvisionZh = "创建成果作为参加各类评比、政治安排的必要条件（发生一票否决事项或等级被撤销即不具备）",
            ProvisionEn = "the rating is a necessary condition for honours and political appointments (a veto event or a revoked rating removes it)",
        });

    public static readonly JointMeasure SmallEnterpriseSupport = new("sme-support", MeasureKind.Incentive,
        "小微企业分项创建等级扶持", "Support for a small enterprise's level",
        Use with { ProvisionZh = "一个体系、分项创建、滚动晋级的中小企业创建法；创建成果在专项资金、公共服务等方面给予优先优惠", ProvisionEn = "one index, item-by-item creation, rolling promotion for small firms; the results give priority in special funds and public services" });

    public static readonly JointMeasure SmallEnterpriseWait = new("sme-wait", MeasureKind.Sanction,
        "一票否决后暂停小微企业等级申报", "No small-enterprise level while waiting after a veto",
        Scheme with { ProvisionZh = "滚动晋级：一票否决即撤销等级，等待期（veto_wait_months）满方可重新晋级", ProvisionEn = "rolling promotion: a veto revokes the level at once; promotion again only after the wait (veto_wait_months)" });

    public static readonly IReadOnlyList<JointMeasure> All =
        [SpecialFunds, RateAdjustment, PublicServices, HonoursEligible, TaxRebatePriority, FewerInspections, KeySupervision,
         HonoursBarred, SmallEnterpriseSupport, SmallEnterpriseWait];

    public static JointMeasure? Find(string id) => All.FirstOrDefault(m => m.Id == id);
}
