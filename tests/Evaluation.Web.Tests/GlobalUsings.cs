// The namespaces most files of this project open; a file opens any other namespace itself.
global using System.Net;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.DependencyInjection;
global using Evaluation.Web.Features.Campaigns;
global using Evaluation.Web.Features.Enterprises;
global using Evaluation.Web.Tests.Infrastructure;
