using System.Globalization;

namespace Connector.Core.Listening;

/// <summary>
/// Where one change of one record sits in a listener's order: the record's change timestamp (its <c>updated</c> or
/// <c>events.updated.at</c> as the endpoint wrote it) and its id, which breaks ties between records changed in the same
/// instant. Cursors order by time first (parsed when both parse as dates, else as text), then by id (ordinal).
/// Two cursors are equal (the same change) only when their <see cref="Version"/>s are equal too: timestamps have whole
/// seconds, so a second change within the same second is told apart by the record's content.
/// </summary>
/// <param name="At">The change timestamp as the endpoint wrote it (ISO 8601); empty when the record has none.</param>
/// <param name="Id">The record id.</param>
/// <param name="Version">A fingerprint of the record's content at this change, or null when unknown.</param>
public sealed record ListenCursor(string At, string Id, string? Version = null) : IComparable<ListenCursor>
{
    /// <summary>The timestamp as a date, or null when it does not parse.</summary>
    public DateTimeOffset? Time =>
        DateTimeOffset.TryParse(At, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    /// <inheritdoc />
    public int CompareTo(ListenCursor? other)
    {
        if (other is null)
        {
            return 1;
        }

        var (left, right) = (Time, other.Time);
        var byTime = left is not null && right is not null ? left.Value.CompareTo(right.Value) : string.CompareOrdinal(At, other.At);
        return byTime != 0 ? byTime : string.CompareOrdinal(Id, other.Id);
    }

    /// <summary>Whether <paramref name="left"/> sorts before <paramref name="right"/>.</summary>
    /// <param name="left">Compared by time, then id; <see cref="Version"/> plays no part. Null sorts before every cursor.</param>
    /// <param name="right">Compared the same way; null sorts before every cursor.</param>
    /// <returns>True when left is earlier.</returns>
    public static bool operator <(ListenCursor left, ListenCursor right) => left is null ? right is not null : left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> sorts after <paramref name="right"/>.</summary>
    /// <param name="left">Compared by time, then id; <see cref="Version"/> plays no part. Null sorts before every cursor.</param>
    /// <param name="right">Compared the same way; null sorts before every cursor.</param>
    /// <returns>True when left is later.</returns>
    public static bool operator >(ListenCursor left, ListenCursor right) => left is not null && left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> sorts before or with <paramref name="right"/>.</summary>
    /// <param name="left">Compared by time, then id; <see cref="Version"/> plays no part. Null sorts before every cursor.</param>
    /// <param name="right">Compared the same way; null sorts before every cursor.</param>
    /// <returns>True when left is not later.</returns>
    public static bool operator <=(ListenCursor left, ListenCursor right) => !(left > right);

    /// <summary>Whether <paramref name="left"/> sorts after or with <paramref name="right"/>.</summary>
    /// <param name="left">Compared by time, then id; <see cref="Version"/> plays no part. Null sorts before every cursor.</param>
    /// <param name="right">Compared the same way; null sorts before every cursor.</param>
    /// <returns>True when left is not earlier.</returns>
    public static bool operator >=(ListenCursor left, ListenCursor right) => !(left < right);

    /// <inheritdoc />
    public override string ToString() => At + " " + Id;
}
