namespace Evaluation.Rules.Tests.Loading;

/// <summary>A small valid catalogue that tests break one piece at a time. Line numbers matter: see the tests.</summary>
internal static class MinimalCatalogue
{
    public const string File = "rules/test/catalogue.yaml";

    public const string Yaml = """
        id: test
        version: "1"
        title: { zh: 测试, en: Test }
        total: 30
        departments:
          hrss: { zh: 人社局, en: HRSS }
        inputs:
          - { id: employees, type: integer, source: enterprise, required: true, label: { zh: 职工人数 } }
          - { id: insured, type: integer, source: hrss, label: { zh: 参保人数 } }
          - { id: cases, type: integer, source: hrss, default: 0, label: { zh: 案件数 } }
          - { id: level, type: enum, values: [good, poor], source: reviewer, label: { zh: 评定 } }
        parameters:
          - { id: target, value: 1, basis: legal }
        derived:
          - { id: rate, expr: insured / employees }
        categories:
          - id: labour
            name: { zh: 劳动关系 }
            points: 30
            indicators:
              - id: L1
                name: { zh: 参保率 }
                method: quantitative
                points: 10
                score: "if rate >= target then 10 else 0"
              - id: L2
                name: { zh: 案件 }
                method: semi-quantitative
                points: 10
                deduct: [ { count: cases, per: 5 } ]
              - id: L3
                name: { zh: 评定 }
                method: qualitative
                points: 10
                levels: { input: level, scale: { good: 1, poor: 0 } }
        veto:
          - { id: V1, name: { zh: 案件多 }, when: cases > 3, source: hrss }
        grades:
          - { grade: D, when: vetoed }
          - { grade: A, when: "total >= 25" }
          - { grade: C, when: "true" }
        """;

    /// <summary>The minimal catalogue with one piece of text replaced (the piece must occur exactly once).</summary>
    public static string With(string piece, string replacement)
    {
        var at = Yaml.IndexOf(piece, StringComparison.Ordinal);
        if (at < 0 || Yaml.IndexOf(piece, at + 1, StringComparison.Ordinal) >= 0)
            throw new ArgumentException($"'{piece}' must occur exactly once in the minimal catalogue");
        return string.Concat(Yaml.AsSpan(0, at), replacement, Yaml.AsSpan(at + piece.Length));
    }
}
