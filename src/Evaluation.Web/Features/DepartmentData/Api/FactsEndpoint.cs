using System.ComponentModel;
using System.Text.Json;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Facts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Evaluation.Web.Features.DepartmentData.Api;

/// <summary>One value in a department system's batch.</summary>
[Description("一条部门数据 / one department value")]
internal sealed record FactItem(
    [property: Description("企业统一社会信用代码（18位）/ the enterprise's unified social credit code (18 characters)")] string CreditCode,
    [property: Description("指标库中的数据项标识，须归本单位报送 / the catalogue input id; the input must be owned by this department")] string InputId,
    [property: Description("数值、文本或布尔值，按数据项类型校验；null 表示无值 / a number, text or boolean, checked against the input's type; null sends no value")] JsonElement Value,
    [property: Description("备注（可选，更正时必填）/ a note (optional; required for a correction)")] string? Note = null);

[Description("批次处理结果 / the batch's outcome")]
internal sealed record BatchResult(
    [property: Description("收到的条目数 / items received")] int Received,
    [property: Description("新增或变更的值 / values added or changed")] int Changed,
    [property: Description("与现值相同、未变更的条目 / items equal to the current value")] int Unchanged);

/// <summary>
/// POST /api/v1/facts: the same checks as a file upload, all or nothing. An input of another department
/// is 403 for the whole batch; any invalid item is 400 listing every error; in both nothing is stored.
/// </summary>
internal static class FactsEndpoint
{
    public static async Task<IResult> PostAsync(FactItem[] batch, HttpContext http, EvaluationDbContext db, DepartmentScope scope,
        FactLedger ledger, CampaignCatalogues catalogues, TimeProvider clock, CancellationToken cancellationToken)
    {
        var department = http.User.DepartmentId()!;
        return await Idempotency.RunAsync(http, db, clock, department, "", batch,
            () => ApplyAsync(batch, department, db, scope, ledger, catalogues, cancellationToken),
            result => result is Ok<BatchResult> ok ? JsonSerializer.Serialize(ok.Value, JsonSerializerOptions.Web) : null,
            cancellationToken);
    }

    private static async Task<IResult> ApplyAsync(FactItem[] batch, string department, EvaluationDbContext db, DepartmentScope scope,
        FactLedger ledger, CampaignCatalogues catalogues, CancellationToken cancellationToken)
    {
        var campaign = await scope.OpenCampaignAsync(cancellationToken);
        if (campaign is null) return ApiProblems.Result(ApiProblems.NoOpenCampaign, "当前没有开放部门报送的评价批次 / no campaign is open for department data");
        var inputs = catalogues.VersionInputs(campaign);
        var foreign = batch.Select((item, i) => (item, i))
            .Where(x => x.item.InputId is { } id && inputs.TryGetValue(id, out var input)
                && !string.Equals(input.Source, department, StringComparison.Ordinal))
            .Select(x => new FieldError(x.i, "inputId", $"数据项 {x.item.InputId} 不归 {department} 报送 / input {x.item.InputId} is not owned by {department}")).ToList();
        if (foreign.Count > 0)
            return ApiProblems.Result(ApiProblems.ForeignInput, $"{foreign.Count} 条数据项归其他单位 / {foreign.Count} item(s) name another department's input", foreign);
        var validator = await SubmissionValidator.CreateAsync(db, scope, campaign, department, cancellationToken);
        for (var i = 0; i < batch.Length; i++)
            validator.Add(new SubmissionLine(i, batch[i].CreditCode, batch[i].InputId ?? "", Text(batch[i].Value), batch[i].Note), "value");
        var check = validator.Result;
        if (!check.IsValid)
            return ApiProblems.Result(ApiProblems.Validation, $"{check.Errors.Count} 处错误，未保存任何数据 / {check.Errors.Count} error(s); nothing was stored",
                check.Errors.Select(e => new FieldError(e.Row, e.Column, e.Message)).ToList());
        try
        {
            await ledger.RecordSubmissionAsync(campaign, department, check.Changes, "部门系统接口 / department API", cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiProblems.Result(ApiProblems.ChangedMeanwhile, FactLedger.ChangedMeanwhile);
        }
        return TypedResults.Ok(new BatchResult(batch.Length, check.Changes.Count, check.Unchanged));
    }

    /// <summary>JSON numbers and booleans keep their literal text; strings their content; null is no value.</summary>
    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => "",
    };
}
