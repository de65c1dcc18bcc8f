using Evaluation.Engine;
using Evaluation.Rules.Model;

namespace Evaluation.Web.Features.SelfAssessment;

/// <summary>
/// The self-assessment form as the catalogue defines it: the inputs an enterprise answers (its own and its
/// surveys') and the department inputs shown beside them, grouped by the first-level indicator that reads them.
/// Generated from the catalogue on every variant, so the form can never drift from the rules.
/// </summary>
internal sealed record FormLayout(IReadOnlyList<FormGroup> Groups)
{
    public IEnumerable<FormField> Fields => Groups.SelectMany(g => g.Fields);

    public IEnumerable<FormField> Editable => Fields.Where(f => f.Editable);

    public FormField? Find(string inputId) => Fields.FirstOrDefault(f => f.Input.Id == inputId);

    public static bool IsEnterprises(InputDefinition input) => input.Source is "enterprise" or "survey";

    /// <summary>
    /// The layout of a catalogue (with the campaign's values: its targets show them), read off its plan. Built once per
    /// campaign catalogue and kept there (<see cref="Catalogue.CampaignCatalogue.Layout"/>).
    /// </summary>
    public static FormLayout Build(Rules.Model.Catalogue catalogue, ScoringPlan plan)
    {
        var readers = Readers(catalogue, plan);
        var groups = new List<FormGroup>();
        foreach (var category in catalogue.Categories)
        {
            var fields = catalogue.Inputs
                .Where(i => Shown(i) && readers.TryGetValue(i.Id, out var r) && r[0].Category.Id == category.Id)
                .Select(i => Field(catalogue, i, readers[i.Id]))
                .ToList();
            if (fields.Count > 0) groups.Add(new FormGroup(category.Id, category.Name, fields));
        }
        // Inputs only a veto or a grade band reads still belong to the enterprise's answers.
        var rest = catalogue.Inputs.Where(i => IsEnterprises(i) && !readers.ContainsKey(i.Id))
            .Select(i => Field(catalogue, i, [])).ToList();
        if (rest.Count > 0) groups.Add(new FormGroup("other", new Text("其他", "Other"), rest));
        return new FormLayout(groups);
    }

    // Reviewers' on-site findings are not the enterprise's to see before review.
    private static bool Shown(InputDefinition input) => input.Source is not "reviewer" and not "tenants";

    private static FormField Field(Rules.Model.Catalogue catalogue, InputDefinition input, List<(Category Category, Indicator Indicator)> readers)
    {
        var targets = readers.Select(r => r.Indicator.Target).OfType<string>().Distinct(StringComparer.Ordinal)
            .Select(id => catalogue.Parameters.First(p => p.Id == id)).ToList();
        var department = IsEnterprises(input) ? null
            : catalogue.Departments.TryGetValue(input.Source, out var name) ? name : new Text(input.Source, input.Source);
        return new FormField(input, [.. readers.Select(r => r.Indicator)], targets, department);
    }

    /// <summary>
    /// Which indicators read each input, through derived values too. The engine already knows (it explains
    /// every indicator with the facts it read), so an empty evaluation's explanation answers without a second analysis.
    /// </summary>
    private static Dictionary<string, List<(Category Category, Indicator Indicator)>> Readers(Rules.Model.Catalogue catalogue, ScoringPlan plan)
    {
        var facts = plan.Bind(new Dictionary<string, object?>(), []) ?? throw new InvalidOperationException("An empty fact set always binds.");
        var byId = catalogue.Categories.SelectMany(c => c.Indicators.Select(i => (c, i))).ToDictionary(x => x.i.Id, StringComparer.Ordinal);
        var readers = new Dictionary<string, List<(Category, Indicator)>>(StringComparer.Ordinal);
        foreach (var e in plan.Evaluate(facts).Explain().Indicators)
            foreach (var read in e.Facts)
            {
                if (!readers.TryGetValue(read.Id, out var list)) readers[read.Id] = list = [];
                list.Add(byId[e.Score.Id]);
            }
        return readers;
    }
}

internal sealed record FormGroup(string CategoryId, Text Name, IReadOnlyList<FormField> Fields);

/// <summary>One input on the form; <see cref="Department"/> is set when a department owns it (read-only here).</summary>
internal sealed record FormField(InputDefinition Input, IReadOnlyList<Indicator> Indicators, IReadOnlyList<Parameter> Targets,
    Text? Department)
{
    public bool Editable => Department is null;

    public string FieldName => "f." + Input.Id;

    public string Anchor => "input-" + Input.Id;
}
