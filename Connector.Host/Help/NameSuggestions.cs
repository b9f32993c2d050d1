using System.Globalization;

namespace Connector.Host.Help;

/// <summary>
/// "Did you mean" for a name a person mistyped (object types, actions, fields, flags): the valid names closest by
/// edit distance (Damerau-Levenshtein, case-insensitive; a prefix also counts), and valid names shown as a short list.
/// </summary>
internal static class NameSuggestions
{
    /// <summary>How many names a short list shows before "... (N in all)".</summary>
    public const int ShortListLength = 8;

    /// <summary>How many characters of names a short list shows at most (it stays on one terminal line).</summary>
    public const int ShortListWidth = 100;

    /// <summary>The closest valid names (best first, at most <paramref name="most"/>), or none when nothing is close.</summary>
    public static IReadOnlyList<string> Closest(string given, IEnumerable<string> valid, int most = 3)
    {
        var wanted = given.Trim().ToLowerInvariant();
        if (wanted.Length == 0)
        {
            return [];
        }

        var limit = Math.Max(1, Math.Min(3, wanted.Length / 3));
        return valid
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(v => (Name: v, Distance: Distance(wanted, v.ToLowerInvariant())))
            .Where(c => c.Distance <= limit || (wanted.Length >= 3 && c.Name.StartsWith(wanted, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(most)
            .Select(c => c.Name)
            .ToList();
    }

    /// <summary>"unknown KIND 'GIVEN'; did you mean 'A' or 'B'?" and, on the next lines, the valid names as a short list.</summary>
    public static string Unknown(string kind, string given, IReadOnlyCollection<string> valid, string? whereAll = null)
    {
        var closest = Closest(given, valid);
        var text = $"unknown {kind} '{given}'" + (closest.Count == 0 ? string.Empty : $"; did you mean {Quoted(closest)}?");
        return text + Environment.NewLine + "  " + ShortList(valid, valid.Count, kind, whereAll);
    }

    /// <summary>The first names and how many there are: "a, b, c, ... (62 in all; see 'connector describe x')".</summary>
    public static string ShortList(IEnumerable<string> names, int total, string kind, string? whereAll)
    {
        var shown = new List<string>();
        var length = 0;
        foreach (var name in names.Take(ShortListLength))
        {
            length += name.Length + 2;
            if (shown.Count > 0 && length > ShortListWidth)
            {
                break;
            }

            shown.Add(name);
        }

        var where = whereAll is null ? string.Empty : "; " + whereAll;
        return shown.Count == total && whereAll is null
            ? $"valid {Plural(kind)}: {string.Join(", ", shown)}"
            : string.Create(CultureInfo.InvariantCulture, $"valid {Plural(kind)}: {string.Join(", ", shown)}{(shown.Count < total ? ", ..." : string.Empty)} ({total} in all{where})");
    }

    /// <summary>'a', 'a' or 'b', 'a', 'b' or 'c'.</summary>
    public static string Quoted(IReadOnlyList<string> names) => names.Count switch
    {
        0 => string.Empty,
        1 => $"'{names[0]}'",
        _ => string.Join(", ", names.Take(names.Count - 1).Select(n => $"'{n}'")) + $" or '{names[^1]}'",
    };

    /// <summary>The optimal string alignment distance (insertions, deletions, substitutions, adjacent transpositions).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private static string Plural(string kind) => kind.EndsWith('s') ? kind : kind + "s";
}
