namespace Evaluation.Web.Features.Enterprises;

/// <summary>An enterprise (企业) identified by its unified social credit code.</summary>
internal sealed class Enterprise : IAudited, IEnterpriseRecord
{
    private Enterprise() { }

    public Enterprise(Guid id, CreditCode creditCode, string name, District district, string industryCode,
        SizeClass sizeClass, string? park, DateTime registeredAt)
    {
        Id = id;
        CreditCode = creditCode.Value;
        Name = name;
        District = district;
        IndustryCode = IndustryCodeRules.IsValid(industryCode)
            ? industryCode
            : throw new ArgumentException($"'{industryCode}' is not a GB/T 4754 industry code.", nameof(industryCode));
        SizeClass = sizeClass;
        Park = park;
        RegisteredAt = registeredAt;
    }

    public Guid Id { get; private set; }
    public string CreditCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    public District District { get; private set; }

    /// <summary>GB/T 4754-2017 class such as C1711; its section and division select the industry variant.</summary>
    public string IndustryCode { get; private set; } = "";
    public SizeClass SizeClass { get; private set; }
    public string? Park { get; private set; }
    public DateTime RegisteredAt { get; private set; }

    string IAudited.AuditKey => Id.ToString();
    Guid IEnterpriseRecord.EnterpriseId => Id;
}

/// <summary>Enterprise size class per the national SME classification (大型/中型/小型/微型).</summary>
internal enum SizeClass { Large, Medium, Small, Micro }
