using System.Globalization;
using System.Text.Json;
using Evaluation.Rules.Model;
using Evaluation.Web.Features.Catalogue;
using Microsoft.Extensions.Localization;

namespace Evaluation.Web.Features.Campaigns;

/// <summary>What the centre fills in to create a campaign (创建评价活动).</summary>
internal sealed class CampaignInput
{
    public string? Name { get; set; }
    public int? Year { get; set; }
    public CampaignLevel Level { get; set; } = CampaignLevel.Municipal;
    public District? District { get; set; }

    /// <summary>"catalogue-id@version" as the library lists it.</summary>
    public string? Catalogue { get; set; }
    public List<OverrideInput> Overrides { get; set; } = [];
    public DateOnly? SelfAssessmentFrom { get; set; }
    public DateOnly? DepartmentDataFrom { get; set; }
    public DateOnly? ReviewFrom { get; set; }
    public DateOnly? PublicNoticeFrom { get; set; }
    public DateOnly? PublishOn { get; set; }
}

/// <summary>One parameter override: the parameter, its value for this campaign, and the basis (依据) for it.</summary>
internal sealed class OverrideInput
{
    public string? Parameter { get; set; }
    public string? Value { get; set; }
    public string? Basis { get; set; }
}

/// <summary>
/// Checks a new campaign field by field and builds it; every error names its field (the input's property
/// path, e.g. <c>Overrides[1].Value</c>) so the page shows it beside the field. Nothing is built unless all hold.
/// </summary>
internal static class CampaignForm
{
    /// <summary>The phase fields and their labels (resource keys), in the order the phases follow each other.</summary>
    private static readonly string[] PhaseLabels = ["企业自评开始", "部门数据开始", "评审开始", "公示开始", "发布日"];

    public static Campaign? Build(CampaignInput input, IReadOnlyList<CatalogueVersionInfo> versions, CatalogueLibrary library,
        Dictionary<string, string> errors, IStringLocalizer l)
    {
        string T(string key, params object[] args) => l[key, args].Value;
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors["Name"] = T("名称：必填");
        else if (name.Length > 200) errors["Name"] = T("名称：不超过200字");
        if (input.Year is not (>= 2000 and <= 2100)) errors["Year"] = T("年度：须在2000–2100之间");
        if (input.Level == CampaignLevel.County && input.District is null)
            errors["District"] = T("区县：县级活动须选择区县");
        if (input.Level == CampaignLevel.Municipal && input.District is not null)
            errors["District"] = T("区县：市级活动不选区县");

        var version = versions.FirstOrDefault(v => v.Key == input.Catalogue);
        Rules.Model.Catalogue? catalogue = null;
        if (version is null) errors["Catalogue"] = T("指标体系：请从版本库中选择一个版本");
        else catalogue = library.Get(version.CatalogueId, version.Version).Base;

        var overrides = new Dictionary<string, object>(StringComparer.Ordinal);
        var basis = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < input.Overrides.Count; i++)
        {
            var o = input.Overrides[i];
            var (id, value, why) = (o.Parameter?.Trim() ?? "", o.Value?.Trim() ?? "", o.Basis?.Trim() ?? "");
            if (id.Length == 0 && value.Length == 0 && why.Length == 0) continue; // an unused row
            var field = $"Overrides[{i}]";
            if (id.Length == 0) { errors[$"{field}.Parameter"] = T("参数：请选择"); continue; }
            if (catalogue is null) continue;
            var parameter = catalogue.Parameters.FirstOrDefault(p => p.Id == id);
            if (parameter is null) { errors[$"{field}.Parameter"] = T("参数 {0}：版本 {1} 没有此参数", id, catalogue.Key); continue; }
            var shown = parameter.Label is { } label ? $"{(Localization.LocalizationExtensions.IsEnglish ? label.En : label.Zh)}（{id}）" : id;
            if (overrides.ContainsKey(id)) { errors[$"{field}.Parameter"] = T("参数 {0}：重复", shown); continue; }
            if (Parse(parameter, value) is not { } parsed)
            {
                errors[$"{field}.Value"] = T("参数 {0}：值须为{1}", shown, T(TypeName(parameter)));
                continue;
            }
            if (why.Length == 0) { errors[$"{field}.Basis"] = T("参数 {0}：请说明依据", shown); continue; }
            if (why.Length > 500) { errors[$"{field}.Basis"] = T("参数 {0}：依据不超过500字", shown); continue; }
            overrides[id] = parsed;
            basis[id] = why;
        }

        DateOnly?[] dates = [input.SelfAssessmentFrom, input.DepartmentDataFrom, input.ReviewFrom, input.PublicNoticeFrom, input.PublishOn];
        string[] fields = [nameof(input.SelfAssessmentFrom), nameof(input.DepartmentDataFrom), nameof(input.ReviewFrom), nameof(input.PublicNoticeFrom), nameof(input.PublishOn)];
        for (var i = 0; i < dates.Length; i++)
        {
            if (dates[i] is null) errors[fields[i]] = T("{0}：必填", T(PhaseLabels[i]));
            else if (i > 0 && dates[i - 1] is { } before && dates[i] <= before)
                errors[fields[i]] = T("{0}：须晚于{1}（{2}）", T(PhaseLabels[i]), T(PhaseLabels[i - 1]),
                    before.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        if (errors.Count > 0) return null;

        var json = JsonSerializer.Serialize(overrides);
        _ = ParameterOverrides.Apply(catalogue!, json); // the same check scoring makes, before anything is stored
        return new Campaign(Guid.NewGuid(), input.Year!.Value, name, input.Level, input.District, version!.CatalogueId, version.Version,
            new CampaignPhases(dates[0]!.Value, dates[1]!.Value, dates[2]!.Value, dates[3]!.Value, dates[4]!.Value),
            json, JsonSerializer.Serialize(basis));
    }

    private static object? Parse(Parameter parameter, string text) => parameter.Value switch
    {
        decimal => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null,
        bool => text switch { "true" or "是" => true, "false" or "否" => false, _ => null },
        DateOnly => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        string => text.Length > 0 ? text : null,
        _ => null,
    };

    /// <summary>What a parameter's value must look like, as a resource key.</summary>
    private static string TypeName(Parameter p) => p.Value switch
    {
        decimal => "数字",
        bool => "是或否（true/false）",
        DateOnly => "日期（yyyy-MM-dd）",
        _ => "文字",
    };
}
