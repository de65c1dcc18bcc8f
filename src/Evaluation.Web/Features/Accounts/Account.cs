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

    /// <summary>A self-registered enterprise account: bound to no enterprise until the centre confirms its registration.</summary>
    public static Account ForRegistrant(Guid id, string userName, string displayName, DateTime now) =>
        new(id, userName, displayName, Role.Enterprise, null, null, now);

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

    /// <summary>Set by the administrator: a disabled account cannot sign in and its sessions end.</summary>
    public bool Disabled { get; private set; }

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

    /// <summary>The centre confirmed the account's registration for <paramref name="enterpriseId"/>.</summary>
    public void BindEnterprise(Guid enterpriseId, string displayName)
    {
        if (Role != Role.Enterprise || EnterpriseId is not null)
            throw new InvalidOperationException("Only an enterprise account without an enterprise is bound by a registration.");
        (EnterpriseId, DisplayName) = (enterpriseId, displayName);
    }

    public void Disable() => Disabled = true;

    public void Enable() => Disabled = false;

    /// <summary>A department or centre account takes another of those roles; an enterprise account keeps its own.</summary>
    public void ChangeRole(Role role, string? departmentId)
    {
        if (Role == Role.Enterprise || role == Role.Enterprise)
            throw new ArgumentException("Enterprise accounts keep their role; centre and department accounts do not become enterprise accounts.", nameof(role));
        if (role == Role.Department && string.IsNullOrEmpty(departmentId))
            throw new ArgumentException("A department officer needs a department.", nameof(departmentId));
        (Role, DepartmentId) = (role, role == Role.Department ? departmentId : null);
    }

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

/// <summary>The rule for user names, shared by registration, the administrator's form and the first-administrator command.</summary>
internal static partial class AccountNames
{
    public const string UserNameRule = "用户名为1至64位字母、数字或 . _ @ - / user names are 1 to 64 letters, digits or . _ @ -";

    public static bool IsValidUserName(string? name) => name is { Length: > 0 and <= 64 } && Pattern().IsMatch(name);

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._@-]+$")]
    private static partial System.Text.RegularExpressions.Regex Pattern();
}
