using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Evaluation.Web.Persistence;

/// <summary>
/// Keeps the data-protection key ring in the database, so cookies and antiforgery tokens issued by one
/// instance are readable by every other instance behind the load balancer.
/// </summary>
internal sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EvaluationDbContext>();
        return db.DataProtectionKeys.Select(k => k.Xml).AsEnumerable().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EvaluationDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey(Guid.NewGuid(), friendlyName,
            element.ToString(SaveOptions.DisableFormatting)));
        db.SaveChanges();
    }
}

internal static class DataProtectionExtensions
{
    public static IServiceCollection AddDatabaseDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Evaluation.Web");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceScopeFactory>((o, scopes) => o.XmlRepository = new DatabaseXmlRepository(scopes));
        return services;
    }
}
