using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Evaluation.Web.Features.Security;
using Microsoft.Extensions.Localization;
using Evaluation.Web.Features.Localization;

namespace Evaluation.Web.Features.Accounts;

[EnableRateLimiting(SecurityExtensions.LoginPolicy)]
internal sealed class LoginModel(SignInManager<Account> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public string UserName { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await signIn.PasswordSignInAsync(UserName, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        ModelState.AddModelError("", result.IsLockedOut ? l["账号已锁定，请15分钟后再试。"] : l["用户名或密码错误。"]);
        return Page();
    }
}
