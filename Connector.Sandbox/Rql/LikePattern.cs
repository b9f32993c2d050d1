namespace Connector.Sandbox.Rql;

/// <summary>
/// A compiled <c>like</c>/<c>ilike</c> pattern: <c>*</c> matches any run of characters, <c>\*</c> a literal star.
/// Matching is linear in the text whatever the number of wildcards: the literal pieces between stars are found
/// left to right (the leftmost occurrence is always a safe choice), so no input backtracks or times out.
/// </summary>
internal sealed class LikePattern : IEquatable<LikePattern>
{
    private readonly string source;
    private readonly string[] pieces;
    private readonly StringComparison comparison;

    private LikePattern(string source, bool ignoreCase)
    {
        this.source = source;
        comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var list = new List<string>();
        var current = new System.Text.StringBuilder();
        var starSeen = false;
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\\' && i + 1 < source.Length && source[i + 1] == '*')
            {
                current.Append('*');
                i++;
            }
            else if (source[i] == '*')
            {
                starSeen = true;
                list.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(source[i]);
            }
        }

        list.Add(current.ToString());
        IsExact = !starSeen;
        pieces = [.. list];
    }

    /// <summary>True when the pattern has no wildcard: it matches one text only.</summary>
    public bool IsExact { get; }

    /// <summary>Compiles <paramref name="pattern"/>; <paramref name="ignoreCase"/> for <c>ilike</c>.</summary>
    public static LikePattern Compile(string pattern, bool ignoreCase) => new(pattern, ignoreCase);

    /// <summary>True when the whole of <paramref name="text"/> matches the pattern.</summary>
    public bool IsMatch(ReadOnlySpan<char> text)
    {
        if (IsExact)
        {
            return text.Equals(pieces[0], comparison);
        }

        var first = pieces[0];
        var last = pieces[^1];
        if (text.Length < first.Length + last.Length
            || !text.StartsWith(first, comparison)
            || !text.EndsWith(last, comparison))
        {
            return false;
        }

        // The middle pieces must appear in order inside what the first and last pieces leave.
        var rest = text[first.Length..(text.Length - last.Length)];
        for (var k = 1; k < pieces.Length - 1; k++)
        {
            var at = rest.IndexOf(pieces[k], comparison);
            if (at < 0)
            {
                return false;
            }

            rest = rest[(at + pieces[k].Length)..];
        }

        return true;
    }

    /// <inheritdoc/>
    public bool Equals(LikePattern? other) =>
        other is not null && other.source == source && other.comparison == comparison;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as LikePattern);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(source, comparison);

    /// <inheritdoc/>
    public override string ToString() => source;
}
