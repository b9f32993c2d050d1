using System.Globalization;
using Connector.Core.Listening;
using Connector.Core.Querying;

namespace Connector.Operations.Listen;

/// <summary>
/// Builds the filter of one polling page: the user's filter AND-ed with a lower bound on the change cursor, ordered
/// by cursor then id. The first page of a poll starts at a time (<c>ge(cursor,T)</c>); the next pages continue after
/// the last record read (keyset paging, <c>or(gt(cursor,T),and(eq(cursor,T),gt(id,ID)))</c>), which neither skips nor
/// repeats a record when others change while the pages are read (offset paging would).
/// </summary>
internal static class ChangeCursorQuery
{
    /// <summary>Connect's timestamp format (<c>2024-01-31T12:00:00+00:00</c>), so bounds compare like stored values.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    /// <summary>The filter of one page: the user's expression AND-ed with the cursor bound, sorted by cursor then id.</summary>
    /// <param name="user">The user's filter (its sorts are replaced).</param>
    /// <param name="cursorProperty">The dotted cursor property.</param>
    /// <param name="from">The lower time bound of the first page, or null for none.</param>
    /// <param name="after">The last record read in this poll, or null on the first page.</param>
    /// <returns>A new filter; the user's selected fields are kept, its sorts are not. With neither bound it is the user's expression alone.</returns>
    public static QueryFilter Page(QueryFilter user, string cursorProperty, DateTimeOffset? from, ListenCursor? after)
    {
        FilterExpression? bound = after is not null
            ? GroupExpression.Or(
                ComparisonExpression.Of(cursorProperty, "gt", after.At),
                GroupExpression.And(ComparisonExpression.Of(cursorProperty, "eq", after.At), ComparisonExpression.Of("id", "gt", after.Id)))
            : from is { } start ? ComparisonExpression.Of(cursorProperty, "ge", FormatTime(start)) : null;
        var expression = (user.Expression, bound) switch
        {
            (null, var b) => b,
            (var u, null) => u,
            var (u, b) => GroupExpression.And(u, b),
        };
        return new QueryFilter(
            expression,
            [new SortSpecification(cursorProperty, SortDirection.Ascending), new SortSpecification("id", SortDirection.Ascending)],
            user.SelectedFields);
    }
}
