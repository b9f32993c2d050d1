namespace Connector.Core.Listening;

/// <summary>
/// How far a polling listener got: the cursor of the last change it delivered, plus the changes it delivered inside
/// the re-read window just before that cursor (a poll re-reads that window to catch changes the endpoint made visible
/// late, and skips those it already delivered). Immutable: each delivered change yields the next checkpoint.
/// </summary>
public sealed class ListenCheckpoint
{
    /// <summary>The checkpoint of a listener that has delivered nothing yet.</summary>
    public static readonly ListenCheckpoint Start = new(null, []);

    /// <summary>Creates a checkpoint.</summary>
    /// <param name="cursor">The last delivered change, or null.</param>
    /// <param name="recent">Changes delivered inside the re-read window (deduplicated by id and cursor).</param>
    public ListenCheckpoint(ListenCursor? cursor, IReadOnlyList<ListenCursor> recent)
    {
        ArgumentNullException.ThrowIfNull(recent);
        Cursor = cursor;
        Recent = recent;
    }

    /// <summary>The last delivered change (the highest cursor), or null when nothing was delivered.</summary>
    public ListenCursor? Cursor { get; }

    /// <summary>Changes delivered inside the re-read window before <see cref="Cursor"/>, oldest first.</summary>
    public IReadOnlyList<ListenCursor> Recent { get; }

    /// <summary>Whether this change was delivered already (same id and same change timestamp).</summary>
    /// <param name="change">A change read by a poll; compared by id, timestamp and version. Must not be null.</param>
    /// <returns>True when it equals the checkpoint's cursor or one of the recent changes; a change older than the window is not remembered and reads as false.</returns>
    public bool HasDelivered(ListenCursor change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Recent.Contains(change) || (Cursor is not null && change == Cursor);
    }

    /// <summary>
    /// The checkpoint after delivering <paramref name="change"/>: the cursor moves forward (never back), the change joins
    /// the recent list, and changes older than <paramref name="window"/> before the new cursor leave it.
    /// </summary>
    /// <param name="change">A change just handed on; it may be older than <see cref="Cursor"/> (a re-read), which then stays. Must not be null.</param>
    /// <param name="window">How far before the cursor a poll re-reads.</param>
    /// <returns>A new checkpoint; this one is not changed.</returns>
    public ListenCheckpoint After(ListenCursor change, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(change);
        var cursor = Cursor is null || change > Cursor ? change : Cursor;
        var floor = cursor.Time - window;
        var recent = Recent.Append(change)
            .Where(c => floor is null || c.Time is null || c.Time >= floor)
            .Distinct()
            .ToList();
        return new ListenCheckpoint(cursor, recent);
    }
}
