namespace Evaluation.Web.Persistence;

/// <summary>A data-protection key ring element, kept in the database so every instance shares the ring.</summary>
internal sealed class DataProtectionKey
{
    private DataProtectionKey() { }

    public DataProtectionKey(Guid id, string? friendlyName, string xml) => (Id, FriendlyName, Xml) = (id, friendlyName, xml);

    public Guid Id { get; private set; }
    public string? FriendlyName { get; private set; }
    public string Xml { get; private set; } = "";
}
