using System.Collections.Immutable;
using Evaluation.Rules.Feel;
using Evaluation.Rules.Model;

namespace Evaluation.Rules.Loading;

#pragma warning disable CA1002, CA2227 // DTOs filled by the YAML binder.
internal sealed class SmeDto : PositionedDto
{
    public string? Id { get; set; }
    public string? Extends { get; set; }
    public TextDto? Name { get; set; }
    public decimal? Pass { get; set; }
    public List<SmeModuleDto>? Modules { get; set; }
    public List<SmeLevelDto>? Levels { get; set; }
    public SmePromotionDto? Promotion { get; set; }
}

internal sealed class SmeModuleDto : PositionedDto
{
    public string? Id { get; set; }
    public TextDto? Name { get; set; }
    public List<string>? Indicators { get; set; }
}

internal sealed class SmeLevelDto : PositionedDto
{
    public string? Id { get; set; }
    public TextDto? Name { get; set; }
    public SmeRequiresDto? Requires { get; set; }
    public bool? OnsiteReview { get; set; }
}

internal sealed class SmeRequiresDto : PositionedDto
{
    public List<string>? Modules { get; set; }
    public decimal? ModulesAtLeast { get; set; }
    public List<string>? Grade { get; set; }
}

internal sealed class SmePromotionDto : PositionedDto
{
    public decimal? StepsPerCycle { get; set; }
    public string? Hold { get; set; }
    public string? Validity { get; set; }
    public string? VetoWait { get; set; }
    public decimal? LapseDrop { get; set; }
}
#pragma warning restore CA1002, CA2227

/// <summary>Loads <c>sme.yaml</c> against its base catalogue: every indicator and module it names must exist.</summary>
internal static class SmeLoader
{
    public static SmeScheme? Load(string file, string text, Catalogue @base, List<CatalogueError> errors)
    {
        var root = YamlBinder.Parse(file, text, errors);
        if (root is null) return null;
        var before = errors.Count;
        var dto = new YamlBinder(file, errors).Bind<SmeDto>(root);
        void Error(SourcePosition at, string? element, string message) => errors.Add(new CatalogueError(at.File, at.Line, at.Column, element, message));

        if (dto.Extends != $"{@base.Id}@{@base.Version}") Error(dto.Position, dto.Id, $"extends must be '{@base.Id}@{@base.Version}', found '{dto.Extends}'");
        if (dto.Pass is not (> 0 and <= 1)) Error(dto.Position, dto.Id, "pass must be a fraction in (0, 1]");
        var indicators = @base.Indicators.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var modules = new List<SmeModule>();
        foreach (var m in dto.Modules ?? [])
        {
            foreach (var id in (m.Indicators ?? []).Where(id => !indicators.Contains(id)))
                Error(m.Position, m.Id, $"module names indicator '{id}', which the base index does not have");
            if (modules.Any(x => x.Id == m.Id)) Error(m.Position, m.Id, $"duplicate module id '{m.Id}'");
            modules.Add(new SmeModule(m.Id ?? "", CatalogueBinder.ToText(m.Name) ?? new Text(m.Id ?? "", m.Id ?? ""), [.. m.Indicators ?? []]));
        }
        var levels = new List<SmeLevel>();
        foreach (var l in dto.Levels ?? [])
        {
            var r = l.Requires ?? new SmeRequiresDto();
            foreach (var id in (r.Modules ?? []).Where(id => modules.All(m => m.Id != id)))
                Error(l.Position, l.Id, $"level requires module '{id}', which is not defined");
            foreach (var g in (r.Grade ?? []).Where(g => !Values.Grades.Contains(g)))
                Error(l.Position, l.Id, $"grade '{g}' is not one of A, B, C, D");
            if (r.ModulesAtLeast > modules.Count) Error(l.Position, l.Id, $"modules_at_least {r.ModulesAtLeast} exceeds the {modules.Count} modules");
            levels.Add(new SmeLevel(l.Id ?? "", CatalogueBinder.ToText(l.Name) ?? new Text(l.Id ?? "", l.Id ?? ""),
                [.. r.Modules ?? []], (int?)r.ModulesAtLeast, [.. r.Grade ?? []], l.OnsiteReview == true));
        }
        var p = dto.Promotion;
        if (p is null) Error(dto.Position, dto.Id, "the scheme needs `promotion`");
        // The time windows are FEEL years-and-months durations: P12M (a year held), P3Y (valid three years).
        FeelYearsMonths Window(string? text, string key, string fallback)
        {
            if (FeelTemporal.ParseDuration(text ?? fallback) is FeelYearsMonths { Months: > 0 and <= 1200 } window) return window;
            Error(p!.Position, "promotion", $"{key} must be a years-and-months duration such as P12M or P3Y (up to P100Y), not '{text}'");
            return default;
        }
        var hold = p is null ? default : Window(p.Hold, "hold", "P12M");
        var validity = p is null ? default : Window(p.Validity, "validity", "P3Y");
        var vetoWait = p is null ? default : Window(p.VetoWait, "veto_wait", "P12M");
        if (errors.Count > before || p is null) return null;
        var promotion = new SmePromotion((int)(p.StepsPerCycle ?? 1), hold, validity, vetoWait, (int)(p.LapseDrop ?? 1));
        return new SmeScheme(dto.Id ?? "", CatalogueBinder.ToText(dto.Name) ?? new Text(dto.Id ?? "", dto.Id ?? ""), dto.Pass!.Value,
            [.. modules], [.. levels], promotion);
    }
}
