namespace Evaluation.Rules.Loading;

/// <summary>Applies a variant ("1+X") to a fresh copy of the base DTO; the binder then validates the result.</summary>
internal static class VariantApplier
{
    public static void Apply(VariantDto v, CatalogueDto target, string baseKey, List<CatalogueError> errors)
    {
        void Error(SourcePosition at, string? element, string message) =>
            errors.Add(new CatalogueError(at.File, at.Line, at.Column, element, message));

        if (string.IsNullOrEmpty(v.Id)) Error(v.Position, null, "the variant has an id");
        if (v.Extends != baseKey) Error(v.Position, v.Id, $"extends must be '{baseKey}', found '{v.Extends}'");
        if (v.Industries is not { Count: > 0 }) Error(v.Position, v.Id, "the variant lists the GB/T 4754 industry codes that select it");

        foreach (var (id, value) in v.Parameters ?? [])
        {
            var parameter = target.Parameters?.FirstOrDefault(p => p.Id == id);
            if (parameter is null) Error(value.Position, id, $"parameter override: the base has no parameter '{id}'");
            else parameter.Value = value;
        }
        (target.Inputs ??= []).AddRange(v.Inputs ?? []);
        (target.Derived ??= []).AddRange(v.Derived ?? []);
        (target.Veto ??= []).AddRange(v.Veto?.Add ?? []);

        var categories = target.Categories ?? [];
        IndicatorDto? Find(string id, out CategoryDto? owner)
        {
            owner = categories.FirstOrDefault(c => c.Indicators?.Any(i => i.Id == id) == true);
            return owner?.Indicators!.First(i => i.Id == id);
        }

        foreach (var id in v.Remove ?? [])
        {
            if (Find(id, out var owner) is { } indicator) owner!.Indicators!.Remove(indicator);
            else Error(v.Position, id, $"remove: the base has no indicator '{id}'");
        }
        foreach (var r in v.Replace ?? [])
        {
            if (r.Indicator is null) { Error(r.Position, r.Id, "replace needs an indicator"); continue; }
            if (Find(r.Id ?? "", out var owner) is { } old) owner!.Indicators![owner.Indicators.IndexOf(old)] = r.Indicator;
            else Error(r.Position, r.Id, $"replace: the base has no indicator '{r.Id}'");
        }
        foreach (var a in v.Add ?? [])
        {
            var category = categories.FirstOrDefault(c => c.Id == a.Category);
            if (category is null) Error(a.Position, a.Indicator?.Id, $"add: no category '{a.Category}'");
            else if (a.Indicator is null) Error(a.Position, null, "add needs an indicator");
            else (category.Indicators ??= []).Add(a.Indicator);
        }
        foreach (var (id, points) in v.Points ?? [])
        {
            var indicator = Find(id, out _);
            if (indicator is null) { Error(v.Position, id, $"points: no indicator '{id}'"); continue; }
            if (points <= 0) { Error(v.Position, id, "points: re-weighted points must be positive (use remove to drop an indicator)"); continue; }
            indicator.RulePoints ??= indicator.Points;
            indicator.Points = points;
        }
    }
}
