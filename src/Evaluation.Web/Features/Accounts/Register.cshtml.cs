using FluentValidation;
using Microsoft.AspNetCore.Identity;

namespace Evaluation.Web.Features.Accounts;

/// <summary>
/// Enterprise self-registration (企业注册): an account and its claim to an enterprise (a valid credit code and the
/// enterprise's particulars), which the centre confirms before the account reaches anything of the enterprise.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Security.SecurityExtensions.PublicFormPolicy)]
internal sealed class RegisterModel(EvaluationDbContext db, UserManager<Account> users, SignInManager<Account> signIn,
    TimeProvider clock) : PageModel
{
    [BindProperty] public RegisterInput Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // A value the form cannot bind (a district that does not exist) would otherwise fall back to the default.
        foreach (var key in ModelState.Where(e => e.Value is { ValidationState: Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid })
                     .Select(e => e.Key).ToList())
            ModelState.AddModelError("", $"{key}: 无效的值 / invalid value");
        if (!ModelState.IsValid) return Page();
        var validation = await new RegisterInputValidator().ValidateAsync(Input, cancellationToken);
        foreach (var error in validation.Errors) ModelState.AddModelError("", error.ErrorMessage);
        if (!validation.IsValid) return Page();

        // Whether the code is on file, or claimed by others, changes nothing here and is said nowhere: the centre
        // confirms the binding (EnterpriseRegistration), so a registration neither reveals nor takes an enterprise.
        var now = clock.GetUtcNow().UtcDateTime;
        var name = Input.Name.Trim();
        var user = Account.ForRegistrant(Guid.NewGuid(), Input.UserName.Trim(), name, now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, Input.Password);
        foreach (var error in created.Errors) ModelState.AddModelError("", error.Description);
        if (!created.Succeeded) return Page();
        db.Set<EnterpriseRegistration>().Add(new EnterpriseRegistration(Guid.NewGuid(), user.Id, CreditCode.Parse(Input.CreditCode), name,
            Input.District, Input.IndustryCode.Trim(), Input.SizeClass, string.IsNullOrWhiteSpace(Input.Park) ? null : Input.Park.Trim(), now));
        await db.Because("企业注册申请 / enterprise registration").SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect("/account/registration");
    }
}

internal sealed class RegisterInput
{
    public string CreditCode { get; set; } = "";
    public string Name { get; set; } = "";
    public District District { get; set; }
    public string IndustryCode { get; set; } = "";
    public SizeClass SizeClass { get; set; } = SizeClass.Small;
    public string? Park { get; set; }
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
}

internal sealed class RegisterInputValidator : AbstractValidator<RegisterInput>
{
    public RegisterInputValidator()
    {
        RuleFor(x => x.CreditCode).Custom((code, context) =>
        {
            if (Enterprises.CreditCode.Validate(code?.Trim().ToUpperInvariant()) is { } why) context.AddFailure(why);
        });
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200).WithMessage("请填写企业名称（不超过200字） / enter the enterprise name (at most 200 characters)");
        RuleFor(x => x.Name).Custom((name, context) =>
        {
            if (Shared.FreeText.Problem(name, 200, "企业名称 / name") is { } why) context.AddFailure(why);
        });
        RuleFor(x => x.Park).Custom((park, context) =>
        {
            if (Shared.FreeText.Problem(park, 200, "所在园区 / park") is { } why) context.AddFailure(why);
        });
        RuleFor(x => x.IndustryCode).Must(c => IndustryCodeRules.IsValid(c?.Trim()))
            .WithMessage("行业代码应符合 GB/T 4754，如 C1711 / industry code must follow GB/T 4754, e.g. C1711");
        RuleFor(x => x.UserName).NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9._@-]+$")
            .WithMessage("用户名只能含字母、数字和 . _ @ - / letters, digits and . _ @ - only");
    }
}
