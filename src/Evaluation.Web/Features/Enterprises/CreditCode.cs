namespace Evaluation.Web.Features.Enterprises;

/// <summary>
/// A unified social credit code (统一社会信用代码, GB 32100-2015): registration authority, institution
/// category, 6-digit region, 9-character organisation code, and a check character over the first 17.
/// </summary>
internal readonly record struct CreditCode
{
    // GB 32100 uses 31 characters: digits and capitals without I, O, Z, S, V (too easily misread).
    internal const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private CreditCode(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;

    public static bool TryParse(string? text, out CreditCode code)
    {
        code = default;
        var normalized = text?.Trim().ToUpperInvariant();
        if (Validate(normalized) is not null) return false;
        code = new CreditCode(normalized!);
        return true;
    }

    /// <summary>
    /// Whether <paramref name="text"/> (trimmed, upper-cased) can only be the start of a credit code: 4 to 17 characters
    /// of its alphabet, a registration authority and an institution category first, then region digits. A person
    /// typing "913302" means a code, not a name; shorter text ("88") stays a name search.
    /// </summary>
    public static bool TryPrefix(string? text, out string prefix)
    {
        prefix = text?.Trim().ToUpperInvariant() ?? "";
        if (prefix.Length is < 4 or > 17 || prefix.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal))) return false;
        if (!"123456789ABCDEFGY".Contains(prefix[0], StringComparison.Ordinal) || !char.IsAsciiDigit(prefix[1]) || prefix[1] == '0') return false;
        return prefix.AsSpan(2, Math.Min(6, prefix.Length - 2)).ToString().All(char.IsAsciiDigit);
    }

    public static CreditCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException(Validate(text?.Trim().ToUpperInvariant()));

    /// <summary>Why the text is not a credit code, or null when it is one.</summary>
    public static string? Validate(string? text)
    {
        if (text is null || text.Length != 18) return "统一社会信用代码应为18位 / must be 18 characters";
        if (text.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
            return "含有不允许的字符（I、O、Z、S、V 及小写字母不用） / contains a character outside GB 32100";
        if (!text.AsSpan(2, 6).ToString().All(char.IsAsciiDigit)) return "第3–8位行政区划码应为数字 / region code must be digits";
        return CheckCharacter(text.AsSpan(0, 17)) == text[17]
            ? null
            : "校验码不符 / check character does not match";
    }

    /// <summary>The 18th character: 31 − (Σ value·weight mod 31), with 31 written as 0.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += Alphabet.IndexOf(first17[i], StringComparison.Ordinal) * Weights[i];
        return Alphabet[(31 - sum % 31) % 31];
    }
}
