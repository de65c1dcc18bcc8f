using System.Text.RegularExpressions;

namespace Evaluation.Web.Features.Enterprises;

/// <summary>GB/T 4754-2017 codes: a section letter and a division (2 digits), group (3) or class (4).</summary>
internal static partial class IndustryCodeRules
{
    // Division ranges per section; a letter that disagrees with its digits is a typo, not a code.
    private static readonly Dictionary<char, (int From, int To)> Sections = new()
    {
        ['A'] = (1, 5), ['B'] = (6, 12), ['C'] = (13, 43), ['D'] = (44, 46), ['E'] = (47, 50),
        ['F'] = (51, 52), ['G'] = (53, 60), ['H'] = (61, 62), ['I'] = (63, 65), ['J'] = (66, 69),
        ['K'] = (70, 70), ['L'] = (71, 72), ['M'] = (73, 75), ['N'] = (76, 79), ['O'] = (80, 82),
        ['P'] = (83, 83), ['Q'] = (84, 85), ['R'] = (86, 90), ['S'] = (91, 96), ['T'] = (97, 97),
    };

    [GeneratedRegex("^[A-T][0-9]{2,4}$")]
    private static partial Regex Shape();

    public static bool IsValid(string? code)
    {
        if (code is null || !Shape().IsMatch(code)) return false;
        var division = int.Parse(code.AsSpan(1, 2), System.Globalization.CultureInfo.InvariantCulture);
        var (from, to) = Sections[code[0]];
        return division >= from && division <= to;
    }

    /// <summary>The two-digit division, e.g. 17 for C1711 (textiles); variants select on it.</summary>
    public static int Division(string code) =>
        int.Parse(code.AsSpan(1, 2), System.Globalization.CultureInfo.InvariantCulture);
}
