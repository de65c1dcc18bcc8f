using Evaluation.Engine;

namespace Evaluation.Bench;

/// <summary>
/// A deterministic population of enterprises for the demo catalogue (seeded <see cref="Random"/>), with the
/// variety real data has: missing values, absent department records that fall back to defaults, zero
/// headcounts that make the derived rates divide by zero, arrears that drive deductions below zero, and a
/// few vetoes (fatal accidents, credit grade D).
/// </summary>
public static class DemoPopulation
{
    /// <summary>The population size the benchmarks use.</summary>
    public const int Size = 10_000;

    /// <summary>The seed; change it and every figure changes.</summary>
    public const int Seed = 20_180_101;

    private static readonly string[] Levels = ["excellent", "good", "fair", "poor"];

    /// <summary>Raw facts (input id → value) as an import or the JSON input would give them.</summary>
    public static List<Dictionary<string, object?>> GenerateRaw(int count = Size, int seed = Seed)
    {
        var random = new Random(seed);
        var result = new List<Dictionary<string, object?>>(count);
        for (var i = 0; i < count; i++) result.Add(One(random));
        return result;
    }

    /// <summary>The population bound to a plan's layout, with ids; throws if any fact set does not bind.</summary>
    public static (string? Id, FactSet Facts)[] Bind(ScoringPlan plan, int count = Size, int seed = Seed)
    {
        var raw = GenerateRaw(count, seed);
        var result = new (string? Id, FactSet Facts)[raw.Count];
        var errors = new List<string>();
        for (var i = 0; i < raw.Count; i++)
        {
            var facts = plan.Bind(raw[i], errors)
                ?? throw new InvalidOperationException($"enterprise {i} does not bind: {string.Join("; ", errors)}");
            result[i] = ($"E{i:D5}", facts);
        }
        return result;
    }

    private static Dictionary<string, object?> One(Random r)
    {
        var f = new Dictionary<string, object?>(StringComparer.Ordinal);
        // 2 % report no employees at all: contract_rate and insurance_rate divide by zero (null → L1, L2 missing).
        var employees = r.Next(100) < 2 ? 0 : r.Next(5, 3000);
        if (r.Next(100) >= 1) f["employees"] = (decimal)employees; // 1 % missing (required, but imports can lack it)

        // Contracts: 40 % everyone, 2 % more than employees (data error → linear clamps), else 70–100 %.
        var contracts = r.Next(100) switch
        {
            < 40 => employees,
            < 42 => employees + 1 + r.Next(3),
            _ => (int)Math.Round(employees * (0.7 + 0.3 * r.NextDouble())),
        };
        if (r.Next(100) >= 1) f["contracts_signed"] = (decimal)contracts;

        // Insured (from hrss, no default): 5 % no record, 1 % explicit null, 30 % everyone, else 85–100 %.
        var insuredRoll = r.Next(100);
        if (insuredRoll < 1) f["insured"] = null;
        else if (insuredRoll >= 6)
            f["insured"] = (decimal)(insuredRoll < 36 ? employees : (int)Math.Round(employees * (0.85 + 0.15 * r.NextDouble())));

        // Wage arrears (hrss, default 0): 60 % no record, 2 % explicit null (→ default), 28 % zero, 10 % 1–4 cases.
        var arrearsRoll = r.Next(100);
        if (arrearsRoll < 2) f["wage_arrears_cases"] = null;
        else if (arrearsRoll >= 62) f["wage_arrears_cases"] = arrearsRoll < 90 ? 0m : (decimal)(1 + r.Next(4));

        // Overtime hours with one decimal: 2 % missing; spread over the ≤ 36 / ≤ 48 / > 48 bands.
        if (r.Next(100) >= 2) f["overtime_hours"] = Math.Round((decimal)(r.NextDouble() * 60), 1);

        // Leave rate with two decimals: 2 % missing, 10 % exactly 1, else 0.30–1.00 (below 0.5 → 0 points).
        var leaveRoll = r.Next(100);
        if (leaveRoll >= 2) f["leave_rate"] = leaveRoll < 12 ? 1m : Math.Round((decimal)(0.3 + 0.7 * r.NextDouble()), 2);

        // Culture level (reviewer): 3 % not yet reviewed.
        if (r.Next(100) >= 3) f["culture_level"] = Levels[r.Next(Levels.Length)];

        // Credit grade (hrss, default B): 30 % no record; else A 35 %, B 40 %, C 20 %, D 5 % (veto).
        if (r.Next(100) >= 30)
        {
            f["credit_grade"] = r.Next(100) switch { < 35 => "A", < 75 => "B", < 95 => "C", _ => "D" };
        }

        // Fatal accidents (safety, default 0): 88 % no record, 11 % zero, 1 % one or two (veto).
        var fatalRoll = r.Next(100);
        if (fatalRoll >= 88) f["fatal_accidents"] = fatalRoll < 99 ? 0m : (decimal)(1 + r.Next(2));
        return f;
    }
}
