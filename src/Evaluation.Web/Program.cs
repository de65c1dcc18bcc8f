using Evaluation.Web.Features.Catalogue;
using Evaluation.Web.Features.Dashboards;
using Evaluation.Web.Features.Changes;
using Evaluation.Web.Features.Demo;
using Evaluation.Web.Features.DepartmentData;
using Evaluation.Web.Features.Facts;
using Evaluation.Web.Features.Health;
using Evaluation.Web.Features.Localization;
using Evaluation.Web.Features.Measures;
using Evaluation.Web.Features.Publication;
using Evaluation.Web.Features.Reports;
using Evaluation.Web.Features.Scoring;
using Evaluation.Web.Features.Security;
using Evaluation.Web.Features.SelfAssessment;
using Evaluation.Web.Features.Shared;
using Evaluation.Web.Features.SmallEnterprises;
using Evaluation.Web.Features.Supervision;

var builder = WebApplication.CreateBuilder(args);
builder.Services
    .AddPersistence()
    .AddSecurity(builder.Configuration)
    .AddDatabaseDataProtection(builder.Configuration)
    .AddAccounts()
    .AddEvaluationLocalization()
    .AddCatalogue()
    .AddFacts()
    .AddDepartmentData()
    .AddScoring()
    .AddPublication()
    .AddSelfAssessment()
    .AddCampaigns()
    .AddDashboards()
    .AddSupervision()
    .AddSmallEnterprises()
    .AddChanges()
    .AddMeasures()
    .AddHealth()
    .AddPages()
    .AddReports()
    .AddDemoData();

var app = builder.Build();
await app.MigrateDatabaseAsync();
if (await AdministratorCommand.TryRunAsync(app.Services, args, Console.Out) is { } exitCode) return exitCode;
await app.SeedDemoDataAsync();
app.UseSecurityHeaders();
app.UsePages();
app.MapHealth();
app.MapDepartmentData();
app.MapSupervision();
app.MapChanges();
app.MapMeasures();
app.MapPages();
app.MapSelfAssessment();
app.MapReports();
await app.RunAsync();
return 0;
