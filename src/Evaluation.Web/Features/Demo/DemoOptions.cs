namespace Evaluation.Web.Features.Demo;

internal sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed demo data on first run. Only ever honoured on the embedded SQLite default outside Production.</summary>
    public bool Seed { get; set; } = true;

    public int Enterprises { get; set; } = 300;

    /// <summary>Fixed so that every fresh demo database looks the same.</summary>
    public int RandomSeed { get; set; } = 2018;
}
