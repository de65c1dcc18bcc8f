using System.Globalization;
using Bogus;
using Evaluation.Rules.Model;

namespace Evaluation.Web.Features.Demo;

/// <summary>
/// Plausible values for every catalogue input of one enterprise. A hidden quality (0 poor … 1 excellent)
/// steers all of them, so grades spread from A to D; a few enterprises leave inputs out or trip a veto.
/// </summary>
internal sealed class SyntheticFacts(Randomizer random)
{
    private static readonly string[] Rare = ["fatal", "major", "child", "mass", "criminal", "falsified", "blacklisted", "defaulter"];
    private static readonly string[] Bad = ["listed", "violation", "levy_paid", "special_hours"];

    /// <summary>Input id → value text, for the inputs this enterprise has a value for.</summary>
    public Dictionary<string, string> For(Enterprise enterprise, Rules.Model.Catalogue catalogue)
    {
        var profile = new Profile(random, enterprise.SizeClass);
        var vetoInputs = VetoInputs(catalogue);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in catalogue.Inputs)
        {
            // Some enterprises leave required self-reported or survey inputs out: the engine says what is missing.
            if (input.Required && random.Bool(profile.Carelessness)) continue;
            var value = vetoInputs.Contains(input.Id) && input.Type is InputType.Boolean or InputType.Integer
                ? Veto(input, profile)
                : Known(input.Id, profile) ?? Generic(input, profile);
            if (value is not null) values[input.Id] = value;
        }
        return values;
    }

    // Inputs a veto reads (by name in its condition) stay at their harmless value except for the rare risky enterprise.
    private static HashSet<string> VetoInputs(Rules.Model.Catalogue catalogue) =>
        catalogue.Inputs.Where(i => catalogue.Vetoes.Any(v => v.When.Text.Contains(i.Id, StringComparison.Ordinal)))
            .Select(i => i.Id).ToHashSet(StringComparer.Ordinal);

    private string Veto(InputDefinition input, Profile p)
    {
        var fires = random.Bool(p.VetoRisk);
        return input.Type == InputType.Boolean ? (fires ? "true" : "false") : (fires ? "1" : "0");
    }

    private string? Known(string id, Profile p) => id switch
    {
        "employees" => Int(p.Employees),
        "contracts_signed" => Int(p.Employees * Rate(p, 0.9)),
        "social_insurance_insured" => Int(p.Employees * Rate(p, 0.85)),
        "revenue" => Num(p.Revenue),
        "revenue_prev" => Num(p.Revenue / (1 + Scaled(p, -0.05, 0.15))),
        "tax_paid" => Num(p.Revenue * Scaled(p, 0.04, 0.12)),
        "land_area_mu" => Num(p.Employees / Scaled(p, 6, 12)),
        "rd_spend" => Num(p.Revenue * Scaled(p, 0.004, 0.045)),
        "avg_wage" => Num(p.Wage),
        "avg_wage_prev" => Num(p.Wage / (1 + Scaled(p, 0.02, 0.07))),
        "avg_monthly_overtime_hours" => Num(Scaled(p, 60, 20)),
        "payroll" => Num(p.Employees * p.Wage / 10000),
        "training_spend" => Num(p.Employees * p.Wage / 10000 * Scaled(p, 0.004, 0.02)),
        "union_members" => Int(p.Employees * Rate(p, 0.5)),
        "output_value" => Num(p.Revenue * random.Decimal(0.8m, 1.0m)),
        "energy_tce" => Num(p.Revenue * 0.05m * Scaled(p, 1.6, 0.7)),
        "water_m3" => Num(p.Revenue * 5m * Scaled(p, 1.8, 0.6)),
        "emissions_change" => Num(Scaled(p, -0.08, 0.2)),
        "net_new_jobs" => Int(p.Employees * (double)Scaled(p, -0.06, 0.1)),
        "turnover_rate" => Num(Scaled(p, 0.45, 0.1)),
        "disabled_employees" => Int(p.Employees * random.Double(0, 0.02)),
        "net_profit" => Num(p.Revenue * random.Decimal(-0.03m, 0.12m)),
        "donations" => Num(Math.Max(0, p.Revenue * random.Decimal(0m, 0.002m))),
        "activity_area_sqm" => Num(p.Employees * random.Decimal(0.1m, 0.5m)),
        "culture_clubs" => Int(random.Int(0, 5) * p.Quality),
        "activities_per_year" => Int(random.Int(0, 8) * p.Quality + 1),
        "invention_patents" => Int(random.Int(0, 12) * p.Quality),
        _ => null,
    };

    private string? Generic(InputDefinition input, Profile p) => input.Type switch
    {
        InputType.Boolean => Bool(input.Id, p),
        InputType.Integer => Count(input.Id, p),
        InputType.Decimal when input.Max == 1 => Num(Rate(p, (double)(input.Min ?? 0) + 0.55)),
        InputType.Decimal => Num(random.Decimal(input.Min ?? 0, input.Max ?? 100)),
        InputType.Enum or InputType.Grade => Level(input, p),
        InputType.Date => new DateOnly(2017, 1, 1).AddDays(random.Int(0, 364)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => null,
    };

    private string Bool(string id, Profile p)
    {
        if (Rare.Any(w => id.Contains(w, StringComparison.Ordinal))) return random.Bool(p.VetoRisk) ? "true" : "false";
        var bad = Bad.Any(w => id.Contains(w, StringComparison.Ordinal));
        var yes = random.Bool((float)(bad ? (1 - p.Quality) * 0.06 : 0.25 + 0.75 * p.Quality));
        return yes ? "true" : "false";
    }

    private string Count(string id, Profile p)
    {
        if (Rare.Any(w => id.Contains(w, StringComparison.Ordinal))) return random.Bool(p.VetoRisk) ? "1" : "0";
        return random.Bool((float)(0.3 * Math.Pow(1 - p.Quality, 1.5))) ? Int(random.Int(1, 3)) : "0";
    }

    // Catalogue scales run best-first ("excellent", "A", "green", "held") unless they start at "none".
    private string Level(InputDefinition input, Profile p)
    {
        var values = input.Type == InputType.Grade && input.Values.IsDefaultOrEmpty ? ["A", "B", "C", "D"] : input.Values.ToList();
        var ordered = values[0] == "none" ? Enumerable.Reverse(values).ToList() : values;
        // The worst step of a scale often vetoes (credit D, a red environmental colour): only the risky reach it.
        var worst = random.Bool(p.VetoRisk) ? ordered.Count - 1 : Math.Max(0, ordered.Count - 2);
        var position = Math.Clamp((1 - p.Quality) * (ordered.Count - 1) + random.Double(-0.5, 0.5), 0, worst);
        return ordered[(int)Math.Round(position)];
    }

    /// <summary>From <paramref name="poor"/> at quality 0 to <paramref name="excellent"/> at 1, with ±10 % noise.</summary>
    private decimal Scaled(Profile p, double poor, double excellent) =>
        (decimal)((poor + (excellent - poor) * p.Quality) * random.Double(0.9, 1.1));

    private double Rate(Profile p, double floor) => Math.Clamp(floor + (1 - floor) * p.Quality + random.Double(-0.05, 0.05), 0, 1);

    private static string Int(double value) => ((long)Math.Round(Math.Max(0, value))).ToString(CultureInfo.InvariantCulture);

    private static string Num(double value) => Math.Round(value, 4).ToString(CultureInfo.InvariantCulture);

    private static string Num(decimal value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);

    private sealed class Profile
    {
        public Profile(Randomizer random, SizeClass size)
        {
            // Skewed towards good: most applicants are decent, a few excellent, some poor.
            Quality = 0.25 + 0.75 * Math.Sqrt(random.Double());
            Employees = size switch
            {
                SizeClass.Large => random.Int(1000, 5000), SizeClass.Medium => random.Int(300, 1000),
                SizeClass.Small => random.Int(50, 300), _ => random.Int(8, 50),
            };
            Revenue = Employees * random.Decimal(15, 45);
            Wage = 80000m * random.Decimal(0.55m, 1.3m);
            Carelessness = random.Bool(0.1f) ? 0.08f : 0f;
            VetoRisk = random.Bool(0.04f) ? 0.15f : 0.002f;
        }

        public double Quality { get; }
        public int Employees { get; }
        public decimal Revenue { get; }
        public decimal Wage { get; }
        public float Carelessness { get; }
        public float VetoRisk { get; }
    }
}
