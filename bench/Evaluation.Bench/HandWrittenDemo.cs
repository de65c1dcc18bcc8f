using Evaluation.Engine;

namespace Evaluation.Bench;

/// <summary>The numbers of a demo ScoreCard as the hand-written method computes them (no allocation).</summary>
public readonly record struct DemoCard(
    decimal L1, decimal L2, decimal L3, decimal L4, decimal C1, decimal C2,
    decimal Labour, decimal Culture, decimal Total, bool Vetoed, string Grade)
{
    /// <summary>Indicator points in catalogue order (L1, L2, L3, L4, C1, C2).</summary>
    public decimal[] Indicators => [L1, L2, L3, L4, C1, C2];
}

/// <summary>
/// "The limit": rules/demo/1.0 (base, no variant) scored by hand in C# with <c>decimal</c>, reading the same
/// <see cref="FactSet"/> arrays the compiled plan reads, slots resolved once. It follows the engine's rules:
/// an indicator reading a null (missing input, or a derived rate divided by zero) scores 0; the rule's result
/// is clamped to [0, points] and rounded half up to 2 decimals; parts are clamped, the penalty part floored at
/// nothing but capped at 0; categories and total are sums of the rounded indicator points.
/// </summary>
public sealed class HandWrittenDemo
{
    private static readonly string[] GradeNames = ["D", "A", "B", "C"];

    private readonly int _employees, _contracts, _insured, _arrears, _overtime, _leave, _fatal, _culture, _credit;

    /// <summary>Resolves the slots of the demo inputs in <paramref name="layout"/>.</summary>
    public HandWrittenDemo(FactLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _employees = Slot(layout, "employees");
        _contracts = Slot(layout, "contracts_signed");
        _insured = Slot(layout, "insured");
        _arrears = Slot(layout, "wage_arrears_cases");
        _overtime = Slot(layout, "overtime_hours");
        _leave = Slot(layout, "leave_rate");
        _fatal = Slot(layout, "fatal_accidents");
        _culture = Slot(layout, "culture_level");
        _credit = Slot(layout, "credit_grade");
    }

    private static int Slot(FactLayout layout, string id) => layout.Slots[layout.Index[id]];

    /// <summary>Scores one enterprise of the demo catalogue.</summary>
    public DemoCard Score(FactSet facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var numbers = facts.Numbers;
        var texts = facts.Texts;
        var employees = numbers[_employees];
        var contracts = numbers[_contracts];
        var insured = numbers[_insured];
        var arrears = numbers[_arrears];
        var overtime = numbers[_overtime];
        var leave = numbers[_leave];
        var fatal = numbers[_fatal];
        var culture = texts[_culture];
        var credit = texts[_credit];

        // derived: contract_rate = contracts_signed / employees, insurance_rate = insured / employees
        decimal? contractRate = contracts is { } c && employees is { } e1 && e1 != 0m ? c / e1 : null;
        decimal? insuranceRate = insured is { } ins && employees is { } e2 && e2 != 0m ? ins / e2 : null;

        // L1 linear { of: contract_rate, zero: 0.8, full: 1 }, 20 points
        var l1 = contractRate is { } cr ? Round(Math.Clamp(20m * (cr - 0.8m) / (1m - 0.8m), 0m, 20m)) : 0m;

        // L2 table (first): >= 1 → 20, [0.95..1) → 15, [0.9..0.95) → 10, - → 0
        var l2 = insuranceRate is { } ir
            ? ir >= 1m ? 20m : ir >= 0.95m ? 15m : ir >= 0.9m ? 10m : 0m
            : 0m;

        // L3 deduct 5 per wage-arrears case from 10
        var l3 = arrears is { } a3 ? Round(Math.Clamp(10m - 5m * a3, 0m, 10m)) : 0m;

        // L4 parts: hours (score, 10) + leave (linear 0.5 → 1.0, 10) + arrears penalty (−2 per case), 20 points
        var l4 = 0m;
        if (overtime is { } ot && leave is { } lr && arrears is { } a4)
        {
            var hours = ot <= 36m ? 10m : ot <= 48m ? 5m : 0m;
            var leavePoints = Math.Clamp(10m * (lr - 0.5m) / (1.0m - 0.5m), 0m, 10m);
            var penalty = Math.Min(0m - 2m * a4, 0m);
            l4 = Round(Math.Clamp(0m + hours + leavePoints + penalty, 0m, 20m));
        }

        // C1 levels on the catalogue scale, 20 points
        var c1 = culture switch
        {
            "excellent" => 20m * 1.0m,
            "good" => 20m * 0.8m,
            "fair" => 20m * 0.6m,
            "poor" => 20m * 0m,
            _ => 0m,
        };
        c1 = Round(c1);

        // C2 table (unique) on credit_grade: A → 10, B → 7, C/D → 0
        var c2 = credit switch { "A" => 10m, "B" => 7m, _ => 0m };

        var labour = l1 + l2 + l3 + l4;
        var cultureCategory = c1 + c2;
        var total = labour + cultureCategory;

        // vetoes: fatal_accidents > 0, credit_grade = "D"; grades: D if vetoed, A, B, C
        var vetoed = fatal > 0m || credit == "D";
        var grade = vetoed ? 0 : total >= 85m && labour >= 60m ? 1 : total >= 70m ? 2 : 3;
        return new DemoCard(l1, l2, l3, l4, c1, c2, labour, cultureCategory, total, vetoed, GradeNames[grade]);
    }

    private static decimal Round(decimal d) => Math.Round(d, 2, MidpointRounding.AwayFromZero);
}
