using System.Text.Json;
using Evaluation.Web.Features.Accounts;
using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Evaluation.Web.Features.DepartmentData.Api;

/// <summary>One value in a department system's batch.</summary>
internal sealed record FactItem(string? CreditCode, string? InputId, JsonElement Value, string? Note);

internal sealed record FactError(int Index, string Field, string Message);

/// <summary>Every error of a rejected batch (400), or every item naming another department's input (403).</summary>
internal sealed record FactErrors(IReadOnlyList<FactError> Errors);

internal sealed record BatchResult(int Received, int Changed, int Unchanged);

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
        if (campaign is null) return TypedResults.Problem("no campaign is open for department data", statusCode: 409);
        var inputs = catalogues.VersionInputs(campaign);
        var foreign = batch.Select((item, i) => (item, i))
            .Where(x => x.item.InputId is { } id && inputs.TryGetValue(id, out var input)
                && !string.Equals(input.Source, department, StringComparison.Ordinal))
            .Select(x => new FactError(x.i, "inputId", $"input {x.item.InputId} is not owned by {department}")).ToList();
        if (foreign.Count > 0) return TypedResults.Json(new FactErrors(foreign), statusCode: StatusCodes.Status403Forbidden);
        var validator = await SubmissionValidator.CreateAsync(db, scope, campaign, department, cancellationToken);
        for (var i = 0; i < batch.Length; i++)
            validator.Add(new SubmissionLine(i, batch[i].CreditCode, batch[i].InputId ?? "", Text(batch[i].Value), batch[i].Note), "value");
        var check = validator.Result;
        if (!check.IsValid)
            return TypedResults.BadRequest(new FactErrors(check.Errors.Select(e => new FactError(e.Row, e.Column, e.Message)).ToList()));
        try
        {
            await ledger.RecordSubmissionAsync(campaign, department, check.Changes, "部门系统接口 / department API", cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(FactLedger.ChangedMeanwhile, statusCode: StatusCodes.Status409Conflict);
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
