using Evaluation.Web.Features.Audit;

namespace Evaluation.Web.Features.Accounts;

/// <summary>A person who signs in. Each account has exactly one role and, for two roles, one binding.</summary>
internal sealed class Account : IAudited
{
    private Account() { }

    private Account(Guid id, string userName, string displayName, Role role, Guid? enterpriseId, string? departmentId,
        DateTime createdAt)
    {
        (Id, UserName, DisplayName, Role) = (id, userName, displayName, role);
        (EnterpriseId, DepartmentId, CreatedAt) = (enterpriseId, departmentId, createdAt);
        NormalizedUserName = userName.ToUpperInvariant();
    }

    public static Account ForEnterprise(Guid id, string userName, string displayName, Guid enterpriseId, DateTime now) =>
        new(id, userName, displayName, Role.Enterprise, enterpriseId, null, now);

    public static Account ForDepartment(Guid id, string userName, string displayName, string departmentId, DateTime now) =>
        new(id, userName, displayName, Role.Department, null, departmentId, now);

    public static Account ForCentre(Guid id, string userName, string displayName, Role role, DateTime now) =>
        role is Role.Reviewer or Role.Administrator
            ? new(id, userName, displayName, role, null, null, now)
            : throw new ArgumentException("Centre accounts are reviewers or administrators.", nameof(role));

    public Guid Id { get; private set; }
    public string UserName { get; internal set; } = "";
    public string NormalizedUserName { get; internal set; } = "";
    public string DisplayName { get; private set; } = "";
    public Role Role { get; private set; }

    /// <summary>Set for enterprise users only: the one enterprise whose records they reach.</summary>
    public Guid? EnterpriseId { get; private set; }

    /// <summary>Set for department officers only: the department whose inputs they enter.</summary>
    public string? DepartmentId { get; private set; }

    [NotAudited] public string? PasswordHash { get; internal set; }
    [NotAudited] public string SecurityStamp { get; internal set; } = "";
    public bool LockoutEnabled { get; internal set; } = true;
    public DateTime? LockoutEndUtc { get; internal set; }
    public int AccessFailedCount { get; internal set; }
    public DateTime CreatedAt { get; private set; }

    string IAudited.AuditKey => Id.ToString();
}

/// <summary>The four roles; the public needs no account.</summary>
internal enum Role
{
    /// <summary>企业用户</summary>
    Enterprise,

    /// <summary>成员单位经办人</summary>
    Department,

    /// <summary>评审员</summary>
    Reviewer,

    /// <summary>评价中心管理员</summary>
    Administrator,
}
