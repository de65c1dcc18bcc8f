namespace Evaluation.Engine;

/// <summary>Status of an indicator on a ScoreCard.</summary>
public enum IndicatorStatus : byte
{
    /// <summary>Scored from its rule.</summary>
    Scored,
    /// <summary>Read a missing input or a null value: 0 points.</summary>
    Missing,
    /// <summary>The rule gave less than 0 or more than the points; clamped.</summary>
    Clamped,
    /// <summary>A unique/any table matched rows that disagree: 0 points.</summary>
    Conflict,
}

/// <summary>
/// What one evaluation wrote: the compact record an explanation is rendered from on demand.
/// Written by the compiled plan; the explanation arrays are filled only when explaining.
/// </summary>
internal sealed class EvaluationRecord
{
    // Without explanation the plan writes neither raw results, parts nor derived values: no arrays for them.
    public EvaluationRecord(PlanShape shape, bool explain)
    {
        Points = new decimal[shape.IndicatorCount];
        Status = new byte[shape.IndicatorCount];
        Raw = explain ? new decimal?[shape.IndicatorCount] : [];
        PartRaw = explain ? new decimal?[shape.PartCount] : [];
        Rows = new long[shape.TableCount];
        Derived = explain ? new object?[shape.DerivedCount] : [];
        Categories = new decimal[shape.CategoryCount];
        Vetoes = new bool?[shape.VetoCount];
    }

    public decimal[] Points { get; }
    public byte[] Status { get; }
    public decimal?[] Raw { get; }
    public decimal?[] PartRaw { get; }

    /// <summary>Per table: a bit per matched row (rows past 63 are not recorded); −1 for a conflict.</summary>
    public long[] Rows { get; }

    public object?[] Derived { get; }
    public decimal[] Categories { get; }
    public bool?[] Vetoes { get; }
    public decimal Total { get; set; }
    public int Grade { get; set; }
}

internal sealed record PlanShape(int IndicatorCount, int PartCount, int TableCount, int DerivedCount, int CategoryCount, int VetoCount);
