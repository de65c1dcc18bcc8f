using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Evaluation.Web.Features.Supervision;

namespace Evaluation.Web.Features.Publication;

/// <summary>One directory search: the page's query string, normalised as the page binds it.</summary>
internal sealed record DirectoryQuery(string? Q, District? District, string? Industry, Grade? Grade, int Page)
{
    public string Key => string.Join('|', Q?.Trim(), District, Industry?.Trim().ToUpperInvariant(), Grade, Page);
}

/// <summary>A directory answer: how many ratings match, which page was shown (clamped) and its rows.</summary>
internal sealed record DirectoryPage(int Total, int Page, IReadOnlyList<DirectoryModel.Row> Rows);

/// <summary>
/// Every rating the directory lists (published and revoked), in the directory's own order as the database sorted
/// it (grade, name, id: the database's collation decides the name order, so a page here is the page SQL gives),
/// with the indexes a search needs: each character and each pair of adjacent characters of the names, mapped to
/// the ratings whose name holds it (ascending, so every posting list is already in directory order), the ratings
/// per credit code, and one byte per rating for district, grade and status. A name search of one or two
/// characters — the common case in Chinese, where a trigram index does not help — is one posting list; a longer
/// one intersects its pairs' lists and checks the survivors with an ordinal Contains, which is what
/// <c>Name.Contains(text)</c> means in SQL on both providers (case-sensitive, no collation). Immutable once built;
/// see ADR 0017.
/// </summary>
internal sealed class DirectorySnapshot
{
    private const int MemoLimit = 2_000;
    private const int MemoKeyLength = 200;

    private readonly DirectoryModel.Row[] _rows;
    private readonly Rating[] _ratings;
    private readonly ILookup<Guid, RatingChange> _changes;
    private readonly byte[] _district;
    private readonly byte[] _grade;     // the grade, with 0x80 set when the rating stands (published)
    private readonly ushort[] _industry; // index into _industries
    private readonly string[] _industries;
    private readonly int[]?[] _chars = new int[]?[char.MaxValue + 1];
    private readonly Dictionary<uint, int[]> _pairs;
    private readonly Dictionary<string, int[]> _codes;
    private readonly (string Code, int Row)[] _byCode; // every row by credit code, ordinal: a prefix is a range
    private readonly ConcurrentDictionary<string, DirectoryPage> _memo = new(StringComparer.Ordinal);
    private int _memoized;

    /// <param name="rows">Every rating's directory row beside the rating itself, in directory order.</param>
    /// <param name="changes">Every downgrade and revocation (<see cref="RatingChange"/>), for the rating histories.</param>
    public DirectorySnapshot(IReadOnlyList<(DirectoryModel.Row Row, Rating Rating)> rows, IReadOnlyCollection<RatingChange> changes)
    {
        _rows = [.. rows.Select(x => x.Row)];
        _ratings = [.. rows.Select(x => x.Rating)];
        _changes = changes.ToLookup(c => c.RatingId);
        var n = _rows.Length;
        _district = new byte[n];
        _grade = new byte[n];
        _industry = new ushort[n];
        var industries = new Dictionary<string, ushort>(StringComparer.Ordinal);
        var chars = new List<int>?[char.MaxValue + 1];
        var pairs = new Dictionary<uint, List<int>>();
        var codes = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var r = _rows[i];
            _district[i] = (byte)r.District;
            _grade[i] = (byte)((byte)r.Grade | (r.Status == RatingStatus.Published ? 0x80 : 0));
            ref var industry = ref CollectionsMarshal.GetValueRefOrAddDefault(industries, r.IndustryCode, out var known);
            if (!known) industry = (ushort)(industries.Count - 1);
            _industry[i] = industry;
            (CollectionsMarshal.GetValueRefOrAddDefault(codes, r.CreditCode, out _) ??= []).Add(i);
            var name = r.Name;
            for (var j = 0; j < name.Length; j++)
            {
                Add(chars[name[j]] ??= [], i);
                if (j + 1 < name.Length) Add(CollectionsMarshal.GetValueRefOrAddDefault(pairs, Pair(name[j], name[j + 1]), out _) ??= [], i);
            }
        }
        _industries = new string[industries.Count];
        foreach (var (code, index) in industries) _industries[index] = code;
        for (var c = 0; c < chars.Length; c++) _chars[c] = chars[c]?.ToArray();
        _pairs = pairs.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        _codes = codes.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _byCode = [.. _rows.Select((r, i) => (r.CreditCode, i)).OrderBy(x => x.CreditCode, StringComparer.Ordinal).ThenBy(x => x.i)];

        // A name holding the same character or pair twice is listed once.
        static void Add(List<int> postings, int i)
        {
            if (postings.Count == 0 || postings[^1] != i) postings.Add(i);
        }
    }

    /// <summary>
    /// The public rating history of the enterprise with this (normalised) credit code, as <see cref="RatingHistory.ForAsync"/>
    /// gives it from the database: the same ratings, campaigns and changes through the same <see cref="RatingHistory.Of"/>.
    /// </summary>
    public IReadOnlyList<RatingHistoryEntry> History(string creditCode)
    {
        if (!_codes.TryGetValue(creditCode, out var mine)) return [];
        return RatingHistory.Of(mine.Select(i => (_ratings[i], _rows[i].Campaign)), [.. mine.SelectMany(i => _changes[_ratings[i].Id])]);
    }

    /// <summary>How many ratings the snapshot holds.</summary>
    public int Count => _rows.Length;

    /// <summary>The ratings matching <paramref name="query"/>, counted, and the requested page of them (clamped to the last).</summary>
    public DirectoryPage Search(DirectoryQuery query, int pageSize)
    {
        var key = query.Key;
        if (_memo.TryGetValue(key, out var known)) return known;
        var found = Find(query, pageSize);
        // Bounded in entries and key length, so random searches cannot grow it; the snapshot (and with it the memo)
        // goes when a rating changes. A counter, not ConcurrentDictionary.Count, which takes every lock.
        if (key.Length <= MemoKeyLength && Volatile.Read(ref _memoized) < MemoLimit && _memo.TryAdd(key, found))
            Interlocked.Increment(ref _memoized);
        return found;
    }

    private DirectoryPage Find(DirectoryQuery query, int pageSize)
    {
        int[] candidates = [];
        var all = true;
        string? contains = null;
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            all = false;
            var text = query.Q.Trim();
            // A whole credit code is looked up by itself; the start of one finds the codes it starts, and the names that
            // hold it; anything else is a name search.
            if (CreditCode.TryParse(text, out var code)) candidates = _codes.GetValueOrDefault(code.Value) ?? [];
            else if (CreditCode.TryPrefix(text, out var prefix)) candidates = Union(NameMatches(text), CodesStarting(prefix));
            else (candidates, contains) = NameCandidates(text);
        }
        var district = query.District is { } d ? (int)d : -1;
        var grade = query.Grade is { } g ? (byte)((byte)g | 0x80) : -1;
        bool[]? industries = null;
        if (!string.IsNullOrWhiteSpace(query.Industry))
        {
            var prefix = query.Industry.Trim().ToUpperInvariant();
            industries = [.. _industries.Select(code => code.StartsWith(prefix, StringComparison.Ordinal))];
        }

        bool Matches(int i) =>
            (district < 0 || _district[i] == district)
            && (grade < 0 || _grade[i] == grade)
            && (industries is null || industries[_industry[i]])
            && (contains is null || _rows[i].Name.Contains(contains, StringComparison.Ordinal));

        var unfiltered = district < 0 && grade < 0 && industries is null && contains is null;
        var count = all ? _rows.Length : candidates.Length;
        int total;
        if (unfiltered) total = count;
        else
        {
            total = 0;
            for (var k = 0; k < count; k++)
                if (Matches(all ? k : candidates[k])) total++;
        }
        var page = Math.Clamp(query.Page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var skip = (page - 1) * pageSize;
        var rows = new List<DirectoryModel.Row>(Math.Min(pageSize, Math.Max(0, total - skip)));
        for (var k = 0; k < count && rows.Count < pageSize; k++)
        {
            var i = all ? k : candidates[k];
            if (!unfiltered && !Matches(i)) continue;
            if (skip > 0) { skip--; continue; }
            rows.Add(_rows[i]);
        }
        return new DirectoryPage(total, page, rows);
    }

    /// <summary>
    /// The ratings whose name may hold <paramref name="text"/>, ascending, and the text still to check with Contains
    /// (null when the posting list is the exact answer: one character, or one pair).
    /// </summary>
    private (int[] Candidates, string? Check) NameCandidates(string text)
    {
        if (text.Length == 1) return (_chars[text[0]] ?? [], null);
        var lists = new List<int[]>(text.Length - 1);
        for (var j = 0; j + 1 < text.Length; j++)
        {
            if (!_pairs.TryGetValue(Pair(text[j], text[j + 1]), out var list)) return ([], null);
            lists.Add(list);
        }
        if (lists.Count == 1) return (lists[0], null);
        lists.Sort((a, b) => a.Length.CompareTo(b.Length));
        var candidates = lists[0];
        // Narrow by the next-rarest pairs while that pays; Contains settles the rest (order, repeats).
        for (var l = 1; l < lists.Count && l < 4 && candidates.Length > 16; l++) candidates = Intersect(candidates, lists[l]);
        return (candidates, text);
    }

    /// <summary>The rows whose name holds <paramref name="text"/>, ascending (the candidates checked now).</summary>
    private int[] NameMatches(string text)
    {
        var (candidates, check) = NameCandidates(text);
        return check is null ? candidates : [.. candidates.Where(i => _rows[i].Name.Contains(check, StringComparison.Ordinal))];
    }

    /// <summary>The rows whose credit code starts with <paramref name="prefix"/>, ascending.</summary>
    private int[] CodesStarting(string prefix)
    {
        var (lo, hi) = (0, _byCode.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (string.CompareOrdinal(_byCode[mid].Code, prefix) < 0) lo = mid + 1; else hi = mid;
        }
        var rows = new List<int>();
        for (var k = lo; k < _byCode.Length && _byCode[k].Code.StartsWith(prefix, StringComparison.Ordinal); k++) rows.Add(_byCode[k].Row);
        rows.Sort();
        return [.. rows];
    }

    private static int[] Union(int[] a, int[] b)
    {
        var result = new List<int>(a.Length + b.Length);
        var (i, j) = (0, 0);
        while (i < a.Length || j < b.Length)
        {
            if (j == b.Length || (i < a.Length && a[i] < b[j])) result.Add(a[i++]);
            else if (i == a.Length || b[j] < a[i]) result.Add(b[j++]);
            else { result.Add(a[i]); i++; j++; }
        }
        return [.. result];
    }

    private static int[] Intersect(int[] small, int[] large)
    {
        var result = new List<int>(small.Length);
        if ((long)small.Length * 16 < large.Length)
        {
            foreach (var i in small)
                if (Array.BinarySearch(large, i) >= 0) result.Add(i);
        }
        else
        {
            var (a, b) = (0, 0);
            while (a < small.Length && b < large.Length)
            {
                if (small[a] == large[b]) { result.Add(small[a]); a++; b++; }
                else if (small[a] < large[b]) a++;
                else b++;
            }
        }
        return [.. result];
    }

    private static uint Pair(char a, char b) => ((uint)a << 16) | b;
}
