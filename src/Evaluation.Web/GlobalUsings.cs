// The namespaces most files of this project open; a file opens any other namespace itself.
global using Microsoft.AspNetCore.Authorization;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.AspNetCore.Mvc.RazorPages;
global using Microsoft.EntityFrameworkCore;
global using Evaluation.Web.Persistence;
global using Evaluation.Web.Features.Accounts;
global using Evaluation.Web.Features.Audit;
global using Evaluation.Web.Features.Campaigns;
global using Evaluation.Web.Features.Enterprises;
