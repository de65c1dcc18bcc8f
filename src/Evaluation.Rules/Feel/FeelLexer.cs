using System.Globalization;
using System.Text;

namespace Evaluation.Rules.Feel;

internal enum TokenKind { Number, String, Name, Symbol, End }

internal sealed record Token(TokenKind Kind, string Text, int Offset, decimal Number = 0);

/// <summary>Splits expression text into tokens, collecting every lexical error rather than stopping at the first.</summary>
internal static class FeelLexer
{
    private static readonly string[] Symbols =
        ["**", "..", "!=", "<=", ">=", "+", "-", "*", "/", "=", "<", ">", "(", ")", "[", "]", ",", ".", ":", "{", "}", "@", "?"];

    public static List<Token> Tokenize(string text, List<FeelDiagnostic> diagnostics)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '/' && i + 1 < text.Length && text[i + 1] is '/' or '*') { i = SkipComment(text, i); continue; }
            var start = i;
            if (char.IsDigit(c) || (c == '.' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
                tokens.Add(ReadNumber(text, ref i, diagnostics));
            else if (c == '"')
                tokens.Add(ReadString(text, ref i, diagnostics));
            else if (IsNameStart(c))
            {
                // FEEL allows an apostrophe inside a name ("Student's name").
                while (i < text.Length && (IsNamePart(text[i]) || (text[i] == '\'' && i + 1 < text.Length && IsNamePart(text[i + 1])))) i++;
                tokens.Add(new Token(TokenKind.Name, text[start..i], start));
            }
            else if (Symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0) is { } symbol)
            {
                i += symbol.Length;
                tokens.Add(new Token(TokenKind.Symbol, symbol, start));
            }
            else
            {
                diagnostics.Add(new FeelDiagnostic($"unexpected character '{c}'", FeelPosition.At(text, i)));
                i++;
            }
        }
        tokens.Add(new Token(TokenKind.End, "end of expression", text.Length));
        return tokens;
    }

    internal static bool IsNameStart(char c) => char.IsLetter(c) || c == '_' || c == '$' || char.IsSurrogate(c);

    internal static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '$' || char.IsSurrogate(c);

    private static int SkipComment(string text, int i)
    {
        if (text[i + 1] == '/')
        {
            var end = text.IndexOf('\n', i);
            return end < 0 ? text.Length : end;
        }
        var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
        return close < 0 ? text.Length : close + 2;
    }

    private static Token ReadNumber(string text, ref int i, List<FeelDiagnostic> diagnostics)
    {
        var start = i;
        while (i < text.Length && char.IsDigit(text[i])) i++;
        // "1..5" is a range, so a dot only belongs to the number when a digit follows it.
        if (i + 1 < text.Length && text[i] == '.' && char.IsDigit(text[i + 1]))
        {
            i++;
            while (i < text.Length && char.IsDigit(text[i])) i++;
        }
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '+' or '-') j++;
            if (j < text.Length && char.IsDigit(text[j]))
            {
                i = j;
                while (i < text.Length && char.IsDigit(text[i])) i++;
            }
        }
        var literal = text[start..i];
        if (!decimal.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            diagnostics.Add(new FeelDiagnostic($"number '{literal}' is out of range", FeelPosition.At(text, start)));
        return new Token(TokenKind.Number, literal, start, value);
    }

    private static Token ReadString(string text, ref int i, List<FeelDiagnostic> diagnostics)
    {
        var start = i++;
        var sb = new StringBuilder();
        while (i < text.Length && text[i] != '"')
        {
            if (text[i] == '\\' && i + 1 < text.Length) sb.Append(ReadEscape(text, ref i, diagnostics));
            else sb.Append(text[i++]);
        }
        if (i >= text.Length)
            diagnostics.Add(new FeelDiagnostic("unterminated string literal", FeelPosition.At(text, start)));
        else i++;
        return new Token(TokenKind.String, sb.ToString(), start);
    }

    private static string ReadEscape(string text, ref int i, List<FeelDiagnostic> diagnostics)
    {
        var c = text[i + 1];
        i += 2;
        switch (c)
        {
            case 'n': return "\n";
            case 't': return "\t";
            case 'r': return "\r";
            case '"': return "\"";
            case '\'': return "'";
            case '\\': return "\\";
            case 'u' when i + 4 <= text.Length
                && int.TryParse(text.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                i += 4;
                return ((char)code).ToString();
            case 'U' when i + 6 <= text.Length
                && int.TryParse(text.AsSpan(i, 6), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var point)
                && point <= 0x10FFFF && (point < 0xD800 || point > 0xDFFF):
                i += 6;
                return char.ConvertFromUtf32(point);
            default:
                // Not an escape (regular expressions such as "\\p{L}" or "\\1"): the backslash stays, as DMN reads it.
                return "\\" + c;
        }
    }
}
