namespace Evaluation.Web.Features.Shared;

/// <summary>
/// Checks free text from people and systems (names, notes, reasons) before it is stored: within the column's
/// length, and free of control characters, lone surrogates and U+FFFD (unreadable bytes). PostgreSQL refuses NUL in text and enforces
/// column lengths (a 500 where SQLite silently stores), and a control character in a name is never meant.
/// </summary>
internal static class FreeText
{
    /// <summary>Why <paramref name="text"/> cannot be stored, in Chinese with English beside; null when it can.</summary>
    /// <param name="field">What the text is, in Chinese and English ("备注 / note"), named in the message.</param>
    public static string? Problem(string? text, int maxLength, string field, bool multiline = false)
    {
        if (text is null) return null;
        if (text.Length > maxLength) return $"{field}：不超过 {maxLength} 个字符（现有 {text.Length}） / at most {maxLength} characters ({text.Length} given)";
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) return $"{field}：含有无效字符 / contains an invalid character (lone surrogate) at {i + 1}";
            // What a decoder leaves for bytes it could not read: the text was garbled before it arrived.
            if (c == '\uFFFD') return $"{field}：含有无法识别的字节（文件编码错误？）/ contains bytes that could not be read (U+FFFD; wrong encoding?) at {i + 1}";
            if (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
                return $"{field}：含有控制字符 U+{(int)c:X4} / contains control character U+{(int)c:X4} at {i + 1}";
        }
        return null;
    }

    /// <summary>
    /// <paramref name="text"/> cut to at most <paramref name="maxLength"/> UTF-16 units, never between the two halves
    /// of a surrogate pair (a lone half cannot be encoded: PostgreSQL's driver throws on it).
    /// </summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Cut(string? text, int maxLength)
    {
        if (text is null || text.Length <= maxLength) return text;
        var end = maxLength;
        if (end > 0 && char.IsHighSurrogate(text[end - 1])) end--;
        return text[..end];
    }
}
