using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Evaluation.Web.Features.DepartmentData.Api;

/// <summary>Marks a batch endpoint that honours an Idempotency-Key header (<see cref="Idempotency"/>).</summary>
internal sealed class AcceptsIdempotencyKey;

/// <summary>
/// What the OpenAPI document says beyond what the endpoints declare, so that a generator can trust it: the bearer
/// scheme on every operation, the Idempotency-Key header, the error answers every operation can give (401, 413,
/// 415, 429, 500, 503) as problem details with their headers, bilingual response descriptions, and an example for
/// every schema. Linted by Spectral in the suite (tests/Evaluation.Web.Tests/DepartmentData/ApiContractTests.cs).
/// </summary>
internal static class ApiContract
{
    public const string Scheme = "bearer";
    private const string ProblemJson = "application/problem+json";

    public static OpenApiOptions DescribeDepartmentApi(this OpenApiOptions o)
    {
        // A fact's value is described in place (any JSON scalar), not as a component named after System.Text.Json's type.
        o.CreateSchemaReferenceId = t => t.Type == typeof(System.Text.Json.JsonElement) ? null : OpenApiOptions.CreateDefaultSchemaReferenceId(t);
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "和谐企业评价 · 成员单位接口 / Harmonious-enterprise evaluation: department API";
            document.Info.Description =
                "成员单位系统报送数据、记录监管事件、查询并订阅评价结果。凭评价中心签发的令牌调用：`Authorization: Bearer <令牌>`。" +
                "批量请求全部成功或全部不生效；带 `Idempotency-Key` 请求头重试时只生效一次。错误一律以 application/problem+json 返回，按 `type` 区分。\n\n" +
                "Department systems submit data, record supervision events, and read and subscribe to ratings, with a token the " +
                "evaluation centre issues: `Authorization: Bearer <token>`. Batches are all or nothing; a retry with the same " +
                "`Idempotency-Key` header is applied once. Every error is application/problem+json; branch on its `type`.";
            document.Info.Contact = new OpenApiContact { Name = "宁波市和谐企业评价中心 / Ningbo harmonious-enterprise evaluation centre" };
            // Relative: clients call the host they fetched the document from.
            document.Servers = [new OpenApiServer { Url = "/", Description = "本服务 / this host" }];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "ndt_<43 characters>",
                Description = "评价中心签发给成员单位的令牌（仅显示一次）/ a token the centre issues to a department (shown once)",
            };
            document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, _) =>
        {
            if (!context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) ?? true) return Task.CompletedTask;
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] }];
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<AcceptsIdempotencyKey>().Any()) AddIdempotencyKey(operation);
            var hasBody = operation.RequestBody is not null;
            operation.Responses ??= [];
            foreach (var status in hasBody ? [401, 413, 415, 429, 500, 503] : new[] { 401, 429, 500, 503 })
                if (!operation.Responses.ContainsKey(status.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                    operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
                    {
                        Content = new Dictionary<string, OpenApiMediaType>
                            { [ProblemJson] = new() { Schema = new OpenApiSchemaReference(nameof(Problem), context.Document) } },
                    };
            foreach (var (status, response) in operation.Responses)
                if (response is OpenApiResponse concrete) Describe(status, concrete);
            return Task.CompletedTask;
        });
        o.AddSchemaTransformer((schema, context, _) =>
        {
            if (Examples.TryGetValue(context.JsonTypeInfo.Type, out var example)) schema.Examples = [JsonNode.Parse(example)!];
            // An enum says what it is itself, so a generator need not borrow one of the properties' descriptions (which one would vary).
            var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
            if (type.IsEnum && EnumDescriptions.TryGetValue(type, out var description)) schema.Description = description;
            // A fact's value is any JSON scalar, checked against the input's type by the server.
            if (context.JsonTypeInfo.Type == typeof(System.Text.Json.JsonElement))
                schema.Type = JsonSchemaType.Number | JsonSchemaType.String | JsonSchemaType.Boolean | JsonSchemaType.Null;
            return Task.CompletedTask;
        });
        return o;
    }

    private static readonly Dictionary<string, string> Tags = new()
    {
        ["facts"] = "部门数据报送 / department data",
        ["events"] = "监管事件 / supervision events",
        ["ratings"] = "评价结果查询 / rating lookup",
        ["measures"] = "联合奖惩措施查询 / joint incentives and sanctions",
        ["changes"] = "评价结果与联合奖惩措施的变更：订阅推送与变更流 / changes of ratings and joint measures: webhook subscriptions and the change feed",
    };

    private static void AddIdempotencyKey(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "Idempotency-Key",
            In = ParameterLocation.Header,
            Required = false,
            Description = "本批次的唯一键（建议）：以同一键重试只生效一次，成功的回答原样重放；用于内容不同的批次则为 422 / a unique key for this " +
                "batch (recommended): a retry with the same key is applied once and gets the same answer; reused for a different batch it is 422",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 90 },
            Example = JsonValue.Create("hrss-2018-06-15-0001"),
        });
    }

    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["200"] = "成功 / success",
        ["201"] = "已创建 / created",
        ["400"] = "请求有误，逐字段列出错误，未生效 / invalid request: every field error is listed and nothing took effect",
        ["401"] = "缺少令牌，或令牌未知、已吊销 / no token, or an unknown or revoked one",
        ["403"] = "数据项或事件归其他单位，未生效 / an item belongs to another department; nothing took effect",
        ["404"] = "未找到 / not found",
        ["409"] = "冲突：无开放批次、同一幂等键处理中、数据已变更或状态不允许 / conflict: no open campaign, the same key in progress, changed meanwhile, or a state that does not allow it",
        ["413"] = "请求体过大 / the body is too large",
        ["415"] = "须以 application/json 发送 / send application/json",
        ["422"] = "幂等键已用于另一批数据 / the Idempotency-Key was used for a different batch",
        ["429"] = "请求过于频繁，按 Retry-After 稍后重试 / too many requests; retry after Retry-After seconds",
        ["500"] = "服务器内部错误（已记录）/ internal error (logged)",
        ["503"] = "服务暂不可用（如数据库不可达），按 Retry-After 重试 / unavailable (e.g. the database is unreachable); retry after Retry-After seconds",
    };

    private static void Describe(string status, OpenApiResponse response)
    {
        if (Descriptions.TryGetValue(status, out var text)) response.Description = text;
        if (status is "401")
            AddHeader(response, "WWW-Authenticate", "Bearer realm=\"department-api\"", "认证方式 / the authentication scheme (RFC 6750)");
        if (status is "429" or "503")
            AddHeader(response, "Retry-After", "60", "几秒后重试 / seconds to wait before retrying");
    }

    private static void AddHeader(OpenApiResponse response, string name, string example, string description)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[name] = new OpenApiHeader
        {
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            Example = JsonValue.Create(example),
        };
    }

    private const string ChangeExample = """{"sequence":42,"id":"0193a1f2-7c3e-7b7a-9a51-3f7e2b8c9d10","kind":"Downgraded","occurredAt":"2018-06-20T03:15:00Z","creditCode":"91330203MA28XY0A2P","enterprise":"宁波和谐机械有限公司","year":2017,"grade":"D","previousGrade":"A","validFrom":"2017-09-15","validTo":"2020-09-14","reason":"发生较大安全生产事故 / a major safety accident","measure":null}""";

    private const string MeasureChangeExample = """{"id":"key-supervision","nameZh":"列为重点监管对象","nameEn":"Key supervision","kind":"Sanction","department":"credit","startsOn":"2018-06-20","endsOn":"2020-09-14"}""";

    private const string MeasureChangeItemExample = $$"""{"sequence":43,"id":"0193a1f2-7c3e-7b7a-9a51-3f7e2b8c9d11","kind":"MeasureStarted","occurredAt":"2018-06-20T03:15:00Z","creditCode":"91330203MA28XY0A2P","enterprise":"宁波和谐机械有限公司","year":null,"grade":null,"previousGrade":null,"validFrom":null,"validTo":null,"reason":null,"measure":{{MeasureChangeExample}}}""";

    private const string MeasureExample = """{"measure":"rate-adjustment","kind":"Incentive","name":"工伤保险费率下调","nameEn":"Lower work-injury insurance rate","department":"hrss","basisDocument":"《宁波市和谐企业创建成果运用实施办法》","basisDocumentEn":"Ningbo measures on using harmonious-enterprise results","basisProvision":"第五条 费率调整","basisProvisionEn":"Article 5, rate adjustment","startsOn":"2017-10-01","endsOn":"2020-09-30","rule":"grade-a-incentives","why":"评价等级 A","whyEn":"rated A"}""";

    private static readonly Dictionary<Type, string> EnumDescriptions = new()
    {
        [typeof(Changes.ChangeKind)] = "变更类型：Published 发布，Expired 到期，Revoked 撤销，Downgraded 降级（评价结果）；MeasureStarted 措施开始，" +
            "MeasureEnded 措施终止，MeasureExpired 措施到期（联合奖惩措施）/ the kind of change, of a rating or of a joint measure",
        [typeof(Measures.MeasureKind)] = "措施类别：Incentive 激励，Sanction 惩戒 / an incentive or a sanction",
        [typeof(Changes.SubscriptionStatus)] = "订阅状态：Pending 待批准，Approved 推送中，Rejected 已拒绝，Suspended 已暂停 / the subscription's status",
        [typeof(Publication.Grade)] = "评价等级 A–D / the grade, A to D",
        [typeof(Publication.RatingStatus)] = "评价状态：Published 有效，Revoked 已撤销 / the rating's status",
    };

    /// <summary>An example per schema, as a department system would see it (Spectral checks each against its schema).</summary>
    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(FactItem)] = """{"creditCode":"91330203MA28XY0A2P","inputId":"wage_arrears_cases","value":0,"note":"劳动监察年度核查"}""",
        [typeof(BatchResult)] = """{"received":1,"changed":1,"unchanged":0}""",
        [typeof(FieldError)] = """{"index":2,"field":"value","message":"须为数字 / must be a number"}""",
        [typeof(Problem)] = """{"type":"urn:harmonious-enterprise:problem:validation","title":"请求内容有误 / The request is invalid","status":400,"detail":"1 处错误，未保存任何数据 / 1 error(s); nothing was stored","instance":"/api/v1/facts","errors":[{"index":2,"field":"value","message":"须为数字 / must be a number"}],"traceId":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}""",
        [typeof(Publication.RatingResult)] = """{"creditCode":"91330203MA28XY0A2P","enterprise":"宁波和谐机械有限公司","year":2017,"grade":"A","status":"Published","validFrom":"2017-09-15","validTo":"2020-09-14","publishedAt":"2017-09-15T02:00:00Z","revokedAt":null,"state":"Expired","stateSince":"2020-09-15"}""",
        [typeof(Supervision.EventItem)] = """{"creditCode":"91330203MA28XY0A2P","type":"fatal_or_general_accidents","occurredOn":"2018-05-02","note":"安监通报"}""",
        [typeof(Changes.ChangeItem)] = ChangeExample,
        [typeof(Changes.ChangePage)] = $$"""{"changes":[{{ChangeExample}},{{MeasureChangeItemExample}}],"next":43,"hasMore":false}""",
        [typeof(Changes.MeasureChange)] = MeasureChangeExample,
        [typeof(Changes.SubscriptionRequest)] = """{"url":"https://hrss.example.gov.cn/hooks/ratings","kinds":["Revoked","Downgraded"]}""",
        [typeof(Changes.SubscriptionView)] = """{"id":"0193a1f2-7c3e-7b7a-9a51-3f7e2b8c9d10","url":"https://hrss.example.gov.cn/hooks/ratings","kinds":["Revoked","Downgraded"],"status":"Pending","deliveredThrough":41,"failures":0,"nextAttemptAt":null,"lastError":null,"secret":"whsec_3q2-7wE…"}""",
        [typeof(Measures.MeasureItem)] = MeasureExample,
        [typeof(Measures.MeasuresResult)] = $$"""{"creditCode":"91330203MA28XY0A2P","enterprise":"宁波和谐机械有限公司","measures":[{{MeasureExample}}]}""",
        [typeof(Supervision.EventsResult)] = """{"received":1,"casesOpened":1,"vetoesFired":["V01"]}""",
    };
}
