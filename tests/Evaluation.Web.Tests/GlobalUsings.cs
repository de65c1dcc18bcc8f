// The namespaces nearly every file of this project opens; a file opens the others itself.
global using System.Net;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.DependencyInjection;
global using Evaluation.Web.Features.Campaigns;
global using Evaluation.Web.Features.Enterprises;
global using Evaluation.Web.Tests.Infrastructure;
