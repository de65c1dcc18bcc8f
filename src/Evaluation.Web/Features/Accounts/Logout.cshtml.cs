using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Evaluation.Web.Features.Accounts;

/// <summary>Sign-out is a POST with an antiforgery token, so a foreign page cannot sign a user out.</summary>
internal sealed class LogoutModel(SignInManager<Account> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
