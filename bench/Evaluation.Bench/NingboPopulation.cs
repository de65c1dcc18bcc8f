using Evaluation.Engine;
using Evaluation.Rules.Model;

namespace Evaluation.Bench;

/// <summary>
/// A deterministic population for the Ningbo 2018.1 catalogue (base or any variant: every input the catalogue
/// declares gets a value, so the same generator serves <c>gas</c>). A hidden quality per enterprise steers the
/// values so grades spread from A to D, and the data has what real data has: required inputs left out, explicit
/// nulls, department records absent (defaults apply), zero headcounts, zero previous revenue, zero output and
/// zero payroll (derived rates divide by zero → those indicators score 0 as missing), losses (net profit ≤ 0),
/// values past the scales (clamping), and vetoes.
/// </summary>
public static class NingboPopulation
{
    /// <summary>The population size the benchmarks use.</summary>
    public const int Size = 10_000;

    /// <summary>The seed; change it and every figure changes.</summary>
    public const int Seed = 20_180_601;

    /// <summary>Raw facts (input id → value: decimal, bool or string) as an import or the JSON input would give them.</summary>
    public static List<Dictionary<string, object?>> GenerateRaw(Catalogue catalogue, int count = Size, int seed = Seed)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var random = new Random(seed);
        var result = new List<Dictionary<string, object?>>(count);
        for (var i = 0; i < count; i++) result.Add(One(random, catalogue));
        return result;
    }

    /// <summary>The population bound to a plan's layout, with ids; throws if any fact set does not bind.</summary>
    public static (string? Id, FactSet Facts)[] Bind(ScoringPlan plan, int count = Size, int seed = Seed) =>
        Bind(plan, GenerateRaw(plan.Catalogue, count, seed));

    /// <summary>Binds raw facts to a plan's layout; ids E00000, E00001 …</summary>
    public static (string? Id, FactSet Facts)[] Bind(ScoringPlan plan, List<Dictionary<string, object?>> raw)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(raw);
        var result = new (string? Id, FactSet Facts)[raw.Count];
        var errors = new List<string>();
        for (var i = 0; i < raw.Count; i++)
        {
            var facts = plan.Bind(raw[i], errors)
                ?? throw new InvalidOperationException($"enterprise {i} does not bind: {string.Join("; ", errors)}");
            result[i] = (IdOf(i), facts);
        }
        return result;
    }

    /// <summary>The id of the i-th generated enterprise.</summary>
    public static string IdOf(int i) => $"E{i:D5}";

    private static Dictionary<string, object?> One(Random r, Catalogue catalogue)
    {
        var q = 0.3 + 0.7 * Math.Pow(r.NextDouble(), 0.3);           // quality: most decent, a few excellent, some poor
        var employees = r.Next(100) < 2 ? 0 : r.Next(5, 3000);
        var revenue = Round2(employees * (15 + 30 * r.NextDouble()));
        var wage = Round2(80000 * (0.55 + 0.75 * r.NextDouble()));
        var risky = r.Next(100) < 4;
        var careless = r.Next(100) < 10;
        var f = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var input in catalogue.Inputs)
        {
            var roll = r.Next(1000);
            // Required inputs: 0.5 % left out, more for the careless; 0.3 % explicit null everywhere.
            if (roll < 3) { f[input.Id] = null; continue; }
            if (input.Required && roll < (careless ? 60 : 8)) continue;
            // Department records absent for 40 % of defaulted inputs: the default applies.
            if (input.Default is not null && roll < 400) continue;
            // Optional inputs with no default (department or reviewer data): 2 % have no record → missing.
            if (!input.Required && input.Default is null && roll < 23) continue;
            f[input.Id] = Value(r, input, q, employees, revenue, wage, risky);
        }
        return f;
    }

    private static object? Value(Random r, InputDefinition input, double q, int employees, decimal revenue, decimal wage, bool risky)
    {
        double Scaled(double poor, double excellent) => (poor + (excellent - poor) * q) * (0.9 + 0.2 * r.NextDouble());
        decimal Rate(double floor) => Round4(Math.Clamp(floor + (1 - floor) * q + (r.NextDouble() - 0.5) * 0.1, 0, 1));
        decimal Count(double chance) => r.NextDouble() < chance ? 1 + r.Next(4) : 0;
        bool Veto() => r.NextDouble() < (risky ? 0.12 : 0.002);
        switch (input.Id)
        {
            case "employees": return (decimal)employees;
            // 2 % sign more contracts than employees (a data error: L1 clamps).
            case "contracts_signed": return (decimal)(r.Next(100) < 2 ? employees + 1 + r.Next(3) : (int)Math.Round(employees * (double)Rate(0.8)));
            case "social_insurance_insured": return (decimal)(int)Math.Round(employees * (double)Rate(0.8));
            case "union_members": return (decimal)(int)Math.Round(employees * (double)Rate(0.4));
            case "disabled_employees": return (decimal)(int)Math.Round(employees * 0.025 * r.NextDouble());
            case "labour_dispute_cases": return (decimal)(r.Next(100) < 70 ? 0 : r.Next(1, 1 + Math.Max(1, employees / 200)));
            case "revenue": return revenue;
            case "revenue_prev": return r.Next(100) < 1 ? 0m : Round2((double)revenue / (1 + Scaled(-0.15, 0.15)));   // 1 %: a new company
            case "tax_paid": return Round2((double)revenue * Scaled(0.03, 0.12));
            case "land_area_mu": return r.Next(100) < 1 ? 0m : Round2(employees / Scaled(6, 12) + 0.5);
            case "rd_spend": return Round2((double)revenue * Scaled(0.002, 0.045));
            case "avg_wage": return wage;
            case "avg_wage_prev": return Round2((double)wage / (1 + Scaled(-0.02, 0.1)));
            case "avg_monthly_overtime_hours": return Round2(Scaled(60, 15));
            case "payroll": return r.Next(100) < 1 ? 0m : Round2(employees * (double)wage / 10000);
            case "training_spend": return Round2(employees * (double)wage / 10000 * Scaled(0.004, 0.03));
            case "output_value": return r.Next(100) < 1 ? 0m : Round2((double)revenue * (0.8 + 0.2 * r.NextDouble()));
            case "energy_tce": return Round4((double)revenue * 0.05 * Scaled(1.5, 0.6));
            case "water_m3": return Round2((double)revenue * 5 * Scaled(1.5, 0.6));
            case "emissions_change": return Round4(Scaled(0.1, -0.1));
            case "net_new_jobs": return (decimal)(int)Math.Round(employees * Scaled(-0.1, 0.08));
            case "net_profit": return Round2((double)revenue * (-0.05 + 0.17 * r.NextDouble()));
            case "donations": return r.Next(100) < 30 ? 0m : Round2((double)revenue * 0.003 * r.NextDouble());
            case "activity_area_sqm": return Round2(employees * 0.5 * r.NextDouble());
            case "leak_response_minutes": return Round2(Scaled(90, 15));
        }
        return input.Type switch
        {
            InputType.Boolean when IsVeto(input.Id) => Veto(),
            InputType.Boolean when IsBad(input.Id) => r.NextDouble() < (1 - q) * 0.1,
            InputType.Boolean => r.NextDouble() < 0.25 + 0.7 * q,
            InputType.Integer when IsVeto(input.Id) => Veto() ? (decimal)(1 + r.Next(2)) : 0m,
            InputType.Integer => Count(0.35 * Math.Pow(1 - q, 1.5) + 0.02) + (input.Id.Contains("patent", StringComparison.Ordinal) || input.Id.Contains("culture_clubs", StringComparison.Ordinal) || input.Id.Contains("activities", StringComparison.Ordinal) ? r.Next(0, 8) : 0),
            InputType.Decimal when input.Max == 1 => Rate((double)(input.Min ?? 0) + 0.5),
            InputType.Decimal => Round2((double)(input.Min ?? 0) + 100 * r.NextDouble()),
            InputType.Enum or InputType.Grade => Level(r, input, q, risky),
            InputType.Date => new DateOnly(2017, 1, 1).AddDays(r.Next(365)),
            _ => "x",
        };
    }

    // Scales run best-first ("excellent", "A", "green") unless they start at "none"; the worst step often vetoes,
    // so only the risky reach it.
    private static string Level(Random r, InputDefinition input, double q, bool risky)
    {
        var values = input.Values.IsDefaultOrEmpty ? ["A", "B", "C", "D"] : input.Values.ToList();
        var ordered = values[0] == "none" ? Enumerable.Reverse(values).ToList() : values;
        var worst = risky && r.Next(100) < 30 ? ordered.Count - 1 : Math.Max(0, ordered.Count - 2);
        var position = Math.Clamp((1 - q) * (ordered.Count - 1) + (r.NextDouble() - 0.5) * 1.4, 0, worst);
        return ordered[(int)Math.Round(position)];
    }

    private static bool IsVeto(string id) =>
        id.Contains("fatal", StringComparison.Ordinal) || id.Contains("major", StringComparison.Ordinal) || id.Contains("child", StringComparison.Ordinal)
        || id.Contains("mass", StringComparison.Ordinal) || id.Contains("criminal", StringComparison.Ordinal) || id.Contains("falsified", StringComparison.Ordinal)
        || id.Contains("blacklisted", StringComparison.Ordinal) || id.Contains("defaulter", StringComparison.Ordinal) || id.Contains("serious", StringComparison.Ordinal)
        || id.Contains("explosion", StringComparison.Ordinal);

    private static bool IsBad(string id) =>
        id.Contains("listed", StringComparison.Ordinal) || id.Contains("violation", StringComparison.Ordinal)
        || id.Contains("levy_paid", StringComparison.Ordinal) || id.Contains("special_hours", StringComparison.Ordinal);

    private static decimal Round2(double d) => Math.Round((decimal)d, 2);

    private static decimal Round4(double d) => Math.Round((decimal)d, 4);
}
