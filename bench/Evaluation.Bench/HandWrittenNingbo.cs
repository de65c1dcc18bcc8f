using Evaluation.Engine;

namespace Evaluation.Bench;

/// <summary>Category points, total, veto and grade of one Ningbo enterprise as the hand-written method computes them.</summary>
public readonly record struct NingboCard(
    decimal Development, decimal Labour, decimal Environment, decimal Social, decimal Culture, decimal Total, bool Vetoed, string Grade);

/// <summary>
/// "The limit" for issue 8: rules/ningbo-harmonious-enterprise/2018.1 — the 39 indicators, 5 categories, 13 vetoes
/// and 4 grades — scored by hand in C# with <c>decimal</c>, base or the <c>gas</c> variant (3 more indicators,
/// 4 re-weighted, another energy baseline, one more veto). It reads the same <see cref="FactSet"/> arrays the
/// compiled plan reads (slots resolved once) and writes every indicator's points into a caller's array, so it
/// does what the plan does minus the statuses, the explanation and the ScoreCard. It follows the engine's rules
/// (CATALOGUE.md): an indicator that reads a null anywhere in its rule (a missing input, a rate divided by
/// zero) scores 0; results are clamped to [0, rule points], re-weighted to the variant's points and rounded half
/// up to 2 decimals; parts are clamped to their points (a 0-point deduction part to ≤ 0); the arithmetic is
/// done in the same order as the FEEL expressions, so it equals the engine to the last digit, not just the cent.
/// Decimal overflow (a FEEL null) is not handled: generated inputs never reach it.
/// One method per category, as a C# programmer after speed would write it: as one 300-line method its Tier-1 code
/// inlined nothing (too many locals for the JIT) and was ~40 % slower, which made it a poor limit (ADR 0014).
/// </summary>
public sealed class HandWrittenNingbo
{
    /// <summary>Indicator ids in the order <see cref="Score"/> writes them (base, then the three gas indicators).</summary>
    public static readonly string[] BaseIds =
    [
        "D1", "D2", "D3", "D4", "D5", "D6",
        "L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9", "L10", "L11", "L12", "L13",
        "E1", "E2", "E3", "E4", "E5", "E6", "E7",
        "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8",
        "C1", "C2", "C3", "C4", "C5",
    ];

    /// <summary>The gas variant's indicator ids in the order <see cref="Score"/> writes them.</summary>
    public static readonly string[] GasIds = [.. BaseIds, "S-G1", "S-G2", "S-G3"];

    private static readonly string[] GradeNames = ["D", "A", "B", "C"];

    private readonly bool _gas;
    private readonly decimal _energyBaseline;

    // number slots
    private readonly int _employees, _contracts, _insured, _revenue, _revenuePrev, _taxPaid, _land, _rd, _patents,
        _arrears, _minWage, _overtimePay, _avgWage, _avgWagePrev, _overtimeHours, _leave, _hoursViolations, _injuries,
        _healthExam, _womenViolations, _coverage, _unionMembers, _training, _payroll, _disputes, _arbitrationLost,
        _satisfaction, _exceedances, _energy, _output, _water, _reuse, _emissionsChange, _spotCheck, _recalls,
        _complaints, _resolution, _netNewJobs, _turnover, _disabled, _donations, _netProfit, _recognition,
        _clubs, _area, _activities, _participation, _belonging, _fatal, _majorEnv, _child, _mass, _majorProduct,
        _pipeline, _leak, _household, _explosion;

    // boolean slots
    private readonly int _highTech, _specialHours, _womenContract, _collectiveFiled, _wageCollective, _union, _mediation,
        _iso, _cleaner, _abnormal, _levy, _twinning, _csr, _library, _party, _youth, _womensCommittee, _hardship,
        _counselling, _blacklisted, _majorTax, _serious, _defaulter, _criminal, _falsified;

    // text slots
    private readonly int _rdCentre, _governance, _credit, _standardisation, _congress, _permit, _envColour, _green,
        _taxCredit, _contractTitle, _culture, _integrity;

    /// <summary>Resolves the slots in <paramref name="layout"/>; <paramref name="gas"/> for the gas variant's plan.</summary>
    public HandWrittenNingbo(FactLayout layout, bool gas)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _gas = gas;
        _energyBaseline = gas ? 0.02m : 0.05m;
        int S(string id) => layout.Slots[layout.Index[id]];
        _employees = S("employees"); _contracts = S("contracts_signed"); _insured = S("social_insurance_insured");
        _revenue = S("revenue"); _revenuePrev = S("revenue_prev"); _taxPaid = S("tax_paid"); _land = S("land_area_mu");
        _rd = S("rd_spend"); _patents = S("invention_patents"); _arrears = S("wage_arrears_cases");
        _minWage = S("min_wage_violations"); _overtimePay = S("overtime_pay_violations"); _avgWage = S("avg_wage");
        _avgWagePrev = S("avg_wage_prev"); _overtimeHours = S("avg_monthly_overtime_hours"); _leave = S("annual_leave_rate");
        _hoursViolations = S("working_hours_violations"); _injuries = S("injury_accidents");
        _healthExam = S("occupational_health_exam_rate"); _womenViolations = S("women_protection_violations");
        _coverage = S("collective_contract_coverage"); _unionMembers = S("union_members"); _training = S("training_spend");
        _payroll = S("payroll"); _disputes = S("labour_dispute_cases"); _arbitrationLost = S("arbitration_lost_cases");
        _satisfaction = S("satisfaction_rate"); _exceedances = S("emission_exceedances"); _energy = S("energy_tce");
        _output = S("output_value"); _water = S("water_m3"); _reuse = S("solid_waste_reuse_rate");
        _emissionsChange = S("emissions_change"); _spotCheck = S("spot_check_pass_rate"); _recalls = S("product_recalls");
        _complaints = S("valid_consumer_complaints"); _resolution = S("complaint_resolution_rate");
        _netNewJobs = S("net_new_jobs"); _turnover = S("turnover_rate"); _disabled = S("disabled_employees");
        _donations = S("donations"); _netProfit = S("net_profit"); _recognition = S("social_recognition_rate");
        _clubs = S("culture_clubs"); _area = S("activity_area_sqm"); _activities = S("activities_per_year");
        _participation = S("participation_rate"); _belonging = S("belonging_score"); _fatal = S("fatal_or_general_accidents");
        _majorEnv = S("major_env_incidents"); _child = S("child_or_forced_labour_cases"); _mass = S("labour_mass_incidents");
        _majorProduct = S("major_product_safety_incidents");
        _highTech = S("high_tech_enterprise"); _specialHours = S("special_hours_approved"); _womenContract = S("women_special_contract");
        _collectiveFiled = S("collective_contract_filed"); _wageCollective = S("wage_collective_contract");
        _union = S("union_established"); _mediation = S("mediation_committee"); _iso = S("iso14001");
        _cleaner = S("cleaner_production_audit"); _abnormal = S("abnormal_operations_listed"); _levy = S("disability_levy_paid");
        _twinning = S("twinning_programme"); _csr = S("csr_report_published"); _library = S("workers_library");
        _party = S("party_branch"); _youth = S("youth_league"); _womensCommittee = S("womens_committee");
        _hardship = S("hardship_fund"); _counselling = S("counselling_service"); _blacklisted = S("wage_arrears_blacklisted");
        _majorTax = S("major_tax_violation"); _serious = S("serious_violation_listed"); _defaulter = S("judgment_defaulter");
        _criminal = S("criminal_conviction"); _falsified = S("falsified_application");
        _rdCentre = S("rd_centre_level"); _governance = S("governance_level"); _credit = S("credit_grade");
        _standardisation = S("safety_standardisation_level"); _congress = S("workers_congress_level");
        _permit = S("discharge_permit"); _envColour = S("env_credit_colour"); _green = S("green_level");
        _taxCredit = S("tax_credit_grade"); _contractTitle = S("contract_credit_title"); _culture = S("culture_level");
        _integrity = S("labour_integrity_grade");
        if (gas)
        {
            _pipeline = S("pipeline_inspection_rate"); _leak = S("leak_response_minutes");
            _household = S("household_check_rate"); _explosion = S("gas_explosion_incidents");
        }
    }

    /// <summary>The number of indicators <see cref="Score"/> writes.</summary>
    public int IndicatorCount => _gas ? GasIds.Length : BaseIds.Length;

    /// <summary>Scores one enterprise; indicator points go to <paramref name="points"/> in <see cref="BaseIds"/>/<see cref="GasIds"/> order.</summary>
    public NingboCard Score(FactSet facts, decimal[] points)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(points);
        var n = facts.Numbers;
        var b = facts.Booleans;
        var t = facts.Texts;
        Development(n, b, t, points);
        Labour(n, b, t, points);
        Environment(n, b, t, points);
        Social(n, b, t, points);
        Culture(n, b, t, points);

        var social = points[26] + points[27] + points[28] + points[29] + points[30] + points[31] + points[32] + points[33];
        var vetoed = false;
        if (_gas)
        {
            social += points[39] + points[40] + points[41];
            vetoed = n[_explosion] > 0m;
        }
        var colour = t[_envColour];
        var taxCredit = t[_taxCredit];
        var credit = t[_credit];
        var satisfaction = n[_satisfaction];

        var development = points[0] + points[1] + points[2] + points[3] + points[4] + points[5];
        var labour = points[6] + points[7] + points[8] + points[9] + points[10] + points[11] + points[12] + points[13] + points[14]
            + points[15] + points[16] + points[17] + points[18];
        var environment = points[19] + points[20] + points[21] + points[22] + points[23] + points[24] + points[25];
        var culture = points[34] + points[35] + points[36] + points[37] + points[38];
        var total = development + labour + environment + social + culture;

        // ---- vetoes (a null condition does not fire) ----
        vetoed |= n[_fatal] > 0m
            || n[_majorEnv] > 0m || colour is "red" or "black"
            || n[_child] > 0m
            || b[_blacklisted] == true
            || n[_mass] > 0m
            || t[_integrity] == "C"
            || taxCredit == "D" || b[_majorTax] == true
            || b[_serious] == true
            || b[_defaulter] == true
            || n[_majorProduct] > 0m
            || b[_criminal] == true
            || credit == "D"
            || b[_falsified] == true;

        // ---- grades: D vetoed; A; B; C ----
        var satisfied = satisfaction >= 0.80m;
        var grade = vetoed ? 0
            : total >= 900m && development >= 90m && labour >= 337.5m && environment >= 112.5m && social >= 135m && culture >= 75m && satisfied ? 1
            : total >= 800m && labour >= 360m && satisfied ? 2
            : 3;
        return new NingboCard(development, labour, environment, social, culture, total, vetoed, GradeNames[grade]);
    }

    // Development: its own method (one large method is past what the JIT inlines into; see ADR 0014).
    private void Development(decimal?[] n, bool?[] b, string?[] t, decimal[] points)
    {
        var revenuePrev = n[_revenuePrev];
        var revenueGrowth = Div(n[_revenue] - revenuePrev, revenuePrev);
        var taxPerMu = Div(n[_taxPaid], n[_land]);
        var rdIntensity = Div(n[_rd], n[_revenue]);
        // ======== development (120) ========
        // D1 linear(revenue_growth, −0.10, avg3_revenue_growth 0.08, 20)
        points[0] = revenueGrowth is { } rg ? Finish(Linear(rg, -0.10m, 0.08m, 20m), 20m) : 0m;
        // D2 first: tax_per_mu / 30: ≥ 1.2 → 20, [1.0..1.2) → 16, [0.8..1.0) → 12, [0.5..0.8) → 6, else 0
        points[1] = taxPerMu is { } tpm ? (tpm / 30m) switch { >= 1.2m => 20m, >= 1.0m => 16m, >= 0.8m => 12m, >= 0.5m => 6m, _ => 0m } : 0m;
        // D3 first: rd_intensity ≥ 0.03 → 25, ≥ 0.02 → 20, ≥ 0.015 → 15, ≥ 0.01 → 10, ≥ 0.005 → 5, else 0
        points[2] = rdIntensity is { } rdi ? rdi switch { >= 0.03m => 25m, >= 0.02m => 20m, >= 0.015m => 15m, >= 0.01m => 10m, >= 0.005m => 5m, _ => 0m } : 0m;
        // D4 min(20, min(10, 2 × patents) + high-tech 5 + R&D centre national 10 / provincial 7 / municipal 4)
        var patents = n[_patents];
        var highTech = b[_highTech];
        var centre = t[_rdCentre];
        points[3] = patents is { } pat && highTech is { } ht && centre is not null
            ? Finish(Math.Min(20m, Math.Min(10m, 2m * pat) + (ht ? 5m : 0m)
                + centre switch { "national" => 10m, "provincial" => 7m, "municipal" => 4m, _ => 0m }), 20m)
            : 0m;
        points[4] = Level(t[_governance], 20m);
        // D6 first: credit_grade A 15, B 10, C 4, else 0
        var credit = t[_credit];
        points[5] = credit switch { null => 0m, "A" => 15m, "B" => 10m, "C" => 4m, _ => 0m };
    }

    // Labour: its own method (one large method is past what the JIT inlines into; see ADR 0014).
    private void Labour(decimal?[] n, bool?[] b, string?[] t, decimal[] points)
    {
        var employees = n[_employees];
        var contractRate = Div(n[_contracts], employees);
        var insuranceRate = Div(n[_insured], employees);
        var avgWage = n[_avgWage];
        var wageGrowth = Div(avgWage, n[_avgWagePrev]) - 1m;
        var wageLevel = Div(avgWage, 80000m);
        var unionRate = Div(n[_unionMembers], employees);
        var trainingRatio = Div(n[_training], n[_payroll]);
        var disputesPer1000 = Div(n[_disputes], employees) * 1000m;
        // ======== labour (450) ========
        // L1 40 − 200 × (1 − contract_rate)
        points[6] = contractRate is { } cr ? Finish(40m - 200m * (1m - cr), 40m) : 0m;
        // L2 first: insurance_rate ≥ 1 → 90, [0.98..1) → 80, [0.95..0.98) → 65, [0.90..0.95) → 45, [0.80..0.90) → 20, else 0
        points[7] = insuranceRate is { } ir ? ir switch { >= 1m => 90m, >= 0.98m => 80m, >= 0.95m => 65m, >= 0.90m => 45m, >= 0.80m => 20m, _ => 0m } : 0m;
        // L3 deduct from 35: 15 per arrears case, 10 per minimum-wage violation, 5 per overtime-pay violation
        points[8] = n[_arrears] is { } arr && n[_minWage] is { } mw && n[_overtimePay] is { } op
            ? Finish(35m - 15m * arr - 10m * mw - 5m * op, 35m) : 0m;
        // L4 parts: level (wage_level ≥ 1.0 → 15, [0.8..1.0) → 10, [0.6..0.8) → 5) + growth (≥ 0.08 → 15, ≥ 0.04 → 10, ≥ 0 → 5)
        points[9] = wageLevel is { } wl && wageGrowth is { } wg
            ? Finish(wl switch { >= 1.0m => 15m, >= 0.8m => 10m, >= 0.6m => 5m, _ => 0m }
                + wg switch { >= 0.08m => 15m, >= 0.04m => 10m, >= 0m => 5m, _ => 0m }, 30m)
            : 0m;
        // L5 parts: hours (approved → 20, ≤ 36 → 20, ≤ 48 → 10) + leave linear(0.5, 1.0, 20) + violations (−10 each, ≤ 0)
        points[10] = b[_specialHours] is { } sh && n[_overtimeHours] is { } oh && n[_leave] is { } lv && n[_hoursViolations] is { } hv
            ? Finish((sh ? 20m : oh <= 36m ? 20m : oh <= 48m ? 10m : 0m)
                + Clamp(Linear(lv, 0.5m, 1.0m, 20m), 20m)
                + Math.Min(0m - 10m * hv, 0m), 40m)
            : 0m;
        // L6 parts: standardisation (level1 20, level2 15, level3 10) + health exams linear(0.8, 1.0, 15) + injuries (10 − 5 each)
        points[11] = t[_standardisation] is { } std && n[_healthExam] is { } he && n[_injuries] is { } inj
            ? Finish(std switch { "level1" => 20m, "level2" => 15m, "level3" => 10m, _ => 0m }
                + Clamp(Linear(he, 0.8m, 1.0m, 15m), 15m)
                + Clamp(10m - 5m * inj, 10m), 45m)
            : 0m;
        // L7 parts: special contract 10 + violations (5 − 5 each)
        points[12] = b[_womenContract] is { } wc && n[_womenViolations] is { } wv
            ? Finish((wc ? 10m : 0m) + Clamp(5m - 5m * wv, 5m), 15m) : 0m;
        // L8 parts: filed 12 + wage contract 10 + coverage (filed and ≥ 0.8 → 8, ≥ 0.5 → 5, filed → 2)
        points[13] = b[_collectiveFiled] is { } filed && b[_wageCollective] is { } wcc && n[_coverage] is { } cov
            ? Finish((filed ? 12m : 0m) + (wcc ? 10m : 0m) + (filed ? cov >= 0.8m ? 8m : cov >= 0.5m ? 5m : 2m : 0m), 30m)
            : 0m;
        // L9 if union then 20 × (union_rate − 0.6) / (0.95 − 0.6) else 0
        points[14] = b[_union] is { } un && unionRate is { } ur ? Finish(un ? 20m * (ur - 0.6m) / (0.95m - 0.6m) : 0m, 20m) : 0m;
        points[15] = Level(t[_congress], 20m);
        // L11 first: training_ratio ≥ 0.025 → 20, [0.015..0.025) → 15, [0.008..0.015) → 8
        points[16] = trainingRatio is { } tr ? tr switch { >= 0.025m => 20m, >= 0.015m => 15m, >= 0.008m => 8m, _ => 0m } : 0m;
        // L12 parts: committee 8 + dispute rate (÷ 2.0: ≤ 1 → 8, ≤ 2 → 4) + cases lost (4 − 2 each)
        points[17] = b[_mediation] is { } med && disputesPer1000 is { } dp && n[_arbitrationLost] is { } al
            ? Finish((med ? 8m : 0m) + (dp / 2.0m) switch { <= 1m => 8m, <= 2m => 4m, _ => 0m } + Clamp(4m - 2m * al, 4m), 20m)
            : 0m;
        // L13 linear(satisfaction_rate, 0.6, 0.95, 45)
        var satisfaction = n[_satisfaction];
        points[18] = satisfaction is { } sr ? Finish(Linear(sr, 0.6m, 0.95m, 45m), 45m) : 0m;
    }

    // Environment: its own method (one large method is past what the JIT inlines into; see ADR 0014).
    private void Environment(decimal?[] n, bool?[] b, string?[] t, decimal[] points)
    {
        var output = n[_output];
        var energyRatio = Div(Div(n[_energy], output), _energyBaseline);
        var waterRatio = Div(Div(n[_water], output), 5.0m);
        // ======== environment (150) ========
        // E1 if discharge_permit = "none" then 0 else 30 − 5 × exceedances
        points[19] = t[_permit] is { } permit && n[_exceedances] is { } ex ? Finish(permit == "none" ? 0m : 30m - 5m * ex, 30m) : 0m;
        // E2 first: energy_ratio ≤ 0.8 → 25, (0.8..1.0] → 20, (1.0..1.2] → 10
        points[20] = energyRatio is { } er ? er switch { <= 0.8m => 25m, <= 1.0m => 20m, <= 1.2m => 10m, _ => 0m } : 0m;
        // E3 parts: water_ratio (≤ 0.8 → 10, (0.8..1] → 8, (1..1.2] → 4) + reuse linear(0.5, 0.9, 10)
        points[21] = waterRatio is { } wr && n[_reuse] is { } reuse
            ? Finish(wr switch { <= 0.8m => 10m, <= 1.0m => 8m, <= 1.2m => 4m, _ => 0m } + Clamp(Linear(reuse, 0.5m, 0.9m, 10m), 10m), 20m)
            : 0m;
        // E4 first: emissions_change ≤ −0.05 → 20, (−0.05..0] → 12, (0..0.05] → 5
        points[22] = n[_emissionsChange] is { } ec ? ec switch { <= -0.05m => 20m, <= 0m => 12m, <= 0.05m => 5m, _ => 0m } : 0m;
        // E5 parts: ISO 14001 10 + cleaner production 10
        points[23] = b[_iso] is { } iso && b[_cleaner] is { } cl ? (iso ? 10m : 0m) + (cl ? 10m : 0m) : 0m;
        // E6 first: env_credit_colour green 20, blue 15, yellow 5
        var colour = t[_envColour];
        points[24] = colour switch { "green" => 20m, "blue" => 15m, "yellow" => 5m, _ => 0m };
        points[25] = Level(t[_green], 15m);
    }

    // Social: its own method (one large method is past what the JIT inlines into; see ADR 0014).
    private void Social(decimal?[] n, bool?[] b, string?[] t, decimal[] points)
    {
        var employees = n[_employees];
        var disabledRate = Div(n[_disabled], employees);
        var netNewJobsRate = Div(n[_netNewJobs], employees);
        // ======== social (180) ========
        // S1 first: tax_credit_grade A 30, B 22, M 15, C 5
        var taxCredit = t[_taxCredit];
        points[26] = taxCredit switch { "A" => 30m, "B" => 22m, "M" => 15m, "C" => 5m, _ => 0m };
        // S2 parts: spot checks linear(0.9, 1.0, 20) + recalls (10 − 5 each)
        points[27] = n[_spotCheck] is { } sc && n[_recalls] is { } rec
            ? Finish(Clamp(Linear(sc, 0.9m, 1.0m, 20m), 20m) + Clamp(10m - 5m * rec, 10m), 30m) : 0m;
        // S3 parts: complaints (10 − 2 each) + resolution linear(0.8, 1.0, 10); gas: 20 → 15
        points[28] = n[_complaints] is { } cc && n[_resolution] is { } res
            ? Finish(Clamp(10m - 2m * cc, 10m) + Clamp(Linear(res, 0.8m, 1.0m, 10m), 10m), 20m, _gas ? 15m : 20m) : 0m;
        // S4 parts: abnormal list (listed 0, else 14) + contract title (national 6, province 5, city 3)
        points[29] = b[_abnormal] is { } ab && t[_contractTitle] is { } title
            ? (ab ? 0m : 14m) + title switch { "national" => 6m, "province" => 5m, "city" => 3m, _ => 0m } : 0m;
        // S5 parts: turnover (÷ 0.25: ≤ 0.8 → 15, ≤ 1 → 10, ≤ 1.2 → 5) + new jobs (≥ 0 → 10; rate ≥ −0.05 → 5)
        points[30] = n[_turnover] is { } to && n[_netNewJobs] is { } nj && netNewJobsRate is { } njr
            ? Finish((to / 0.25m) switch { <= 0.8m => 15m, <= 1m => 10m, <= 1.2m => 5m, _ => 0m }
                + (nj >= 0m ? 10m : njr >= -0.05m ? 5m : 0m), 25m)
            : 0m;
        // S6 if disabled_rate ≥ 0.015 then 15 else if levy paid then 8 else 15 × disabled_rate / 0.015; gas: 15 → 10
        points[31] = disabledRate is { } dr && b[_levy] is { } levy
            ? Finish(dr >= 0.015m ? 15m : levy ? 8m : 15m * dr / 0.015m, 15m, _gas ? 10m : 15m) : 0m;
        // S7 parts: donations (loss: any gift 15; else min(20, 20 × (donations / net_profit) / 0.01)) + twinning 5; gas: 25 → 15
        points[32] = n[_netProfit] is { } np && n[_donations] is { } don && b[_twinning] is { } tw
            ? Finish(Clamp(np <= 0m ? don > 0m ? 15m : 0m : np == 0m ? 0m : Math.Min(20m, 20m * (don / np) / 0.01m), 20m) + (tw ? 5m : 0m), 25m, _gas ? 15m : 25m)
            : 0m;
        // S8 parts: recognition linear(0.6, 0.9, 10) + CSR report 5; gas: 15 → 10
        points[33] = n[_recognition] is { } rcg && b[_csr] is { } csr
            ? Finish(Clamp(Linear(rcg, 0.6m, 0.9m, 10m), 10m) + (csr ? 5m : 0m), 15m, _gas ? 10m : 15m) : 0m;
        if (_gas)
        {
            // S-G1 linear(pipeline_inspection_rate, 0.8, 1.0, 10); S-G2 leak response ≤ 30 → 10, ≤ 60 → 5; S-G3 household checks ≥ 1 → 5, ≥ 0.8 → 3
            points[39] = n[_pipeline] is { } pipe ? Finish(Linear(pipe, 0.8m, 1.0m, 10m), 10m) : 0m;
            points[40] = n[_leak] is { } leak ? leak switch { <= 30m => 10m, <= 60m => 5m, _ => 0m } : 0m;
            points[41] = n[_household] is { } hh ? hh switch { >= 1m => 5m, >= 0.8m => 3m, _ => 0m } : 0m;
        }
    }

    // Culture: its own method (one large method is past what the JIT inlines into; see ADR 0014).
    private void Culture(decimal?[] n, bool?[] b, string?[] t, decimal[] points)
    {
        var employees = n[_employees];
        // ======== culture (100) ========
        points[34] = Level(t[_culture], 20m);
        // C2 parts: library 8 + clubs min(6, 2 × clubs) + area (≥ 0.3 m² per employee → 6, some → 3)
        points[35] = b[_library] is { } lib && n[_clubs] is { } clubs && n[_area] is { } area && employees is { } emp
            ? Finish((lib ? 8m : 0m) + Clamp(Math.Min(6m, 2m * clubs), 6m) + (area >= 0.3m * emp ? 6m : area > 0m ? 3m : 0m), 20m)
            : 0m;
        // C3 parts: activities min(10, 2 × per year) + participation linear(0.2, 0.6, 10)
        points[36] = n[_activities] is { } act && n[_participation] is { } part
            ? Finish(Clamp(Math.Min(10m, 2m * act), 10m) + Clamp(Linear(part, 0.2m, 0.6m, 10m), 10m), 20m) : 0m;
        // C4 parts: party 8 + youth league 6 + women's committee 6
        points[37] = b[_party] is { } party && b[_youth] is { } youth && b[_womensCommittee] is { } wcom
            ? (party ? 8m : 0m) + (youth ? 6m : 0m) + (wcom ? 6m : 0m) : 0m;
        // C5 parts: hardship fund 6 + counselling 4 + belonging linear(0.6, 0.9, 10)
        points[38] = b[_hardship] is { } hf && b[_counselling] is { } cs && n[_belonging] is { } bel
            ? Finish((hf ? 6m : 0m) + (cs ? 4m : 0m) + Clamp(Linear(bel, 0.6m, 0.9m, 10m), 10m), 20m) : 0m;
    }

    private static decimal? Div(decimal? a, decimal? b) => a is { } x && b is { } y && y != 0m ? x / y : null;

    private static decimal Linear(decimal x, decimal zero, decimal full, decimal points) =>
        Math.Clamp(points * (x - zero) / (full - zero), 0m, points);

    // A part's contribution: clamped to [0, points].
    private static decimal Clamp(decimal v, decimal points) => Math.Clamp(v, 0m, points);

    private static decimal Level(string? level, decimal points) => level switch
    {
        "excellent" => points * 1.0m,
        "good" => points * 0.8m,
        "fair" => points * 0.6m,
        "poor" => points * 0m,
        _ => 0m,
    };

    private static decimal Finish(decimal v, decimal rulePoints) => Round(Math.Clamp(v, 0m, rulePoints));

    private static decimal Finish(decimal v, decimal rulePoints, decimal points)
    {
        v = Math.Clamp(v, 0m, rulePoints);
        if (points != rulePoints) v = v * points / rulePoints;
        return Round(v);
    }

    private static decimal Round(decimal d) => Math.Round(d, 2, MidpointRounding.AwayFromZero);
}
