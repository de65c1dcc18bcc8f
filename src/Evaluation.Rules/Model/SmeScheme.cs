using System.Collections.Immutable;
using Evaluation.Rules.Feel;

namespace Evaluation.Rules.Model;

/// <summary>
/// The small-enterprise scheme (一个体系、分项创建、滚动晋级): the base index's indicators grouped into
/// modules, levels earned by passing modules or grades, and the rules of rolling promotion.
/// </summary>
public sealed record SmeScheme(
    string Id,
    Text Name,
    decimal Pass,
    ImmutableArray<SmeModule> Modules,
    ImmutableArray<SmeLevel> Levels,
    SmePromotion Promotion);

/// <summary>A module: a group of indicators that passes at <see cref="SmeScheme.Pass"/> of its points with no veto.</summary>
public sealed record SmeModule(string Id, Text Name, ImmutableArray<string> Indicators);

/// <summary>A level, lowest first; what it requires and whether it needs an on-site review.</summary>
public sealed record SmeLevel(string Id, Text Name, ImmutableArray<string> Modules, int? ModulesAtLeast, ImmutableArray<string> Grades, bool OnsiteReview);

/// <summary>
/// Rolling promotion: steps per annual cycle, how long a level is held before the next, how long a certificate
/// is valid, the wait after a veto (years-and-months durations, written <c>P12M</c>, <c>P3Y</c>), levels lost on lapse.
/// </summary>
public sealed record SmePromotion(int StepsPerCycle, FeelYearsMonths Hold, FeelYearsMonths Validity, FeelYearsMonths VetoWait, int LapseDrop);
