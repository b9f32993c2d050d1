using System.Globalization;
using System.Text.RegularExpressions;

namespace Connector.Operations.Inbound;

/// <summary>A Connect <c>Content-Range: items first-last/total</c> header.</summary>
internal sealed partial record ContentRange(long First, long Last, long Total)
{
    /// <summary>Whether this page ends the collection.</summary>
    public bool IsLastPage => Total <= 0 || Last >= Total - 1;

    public static ContentRange? Parse(string? header)
    {
        if (header is null)
        {
            return null;
        }

        var match = Pattern().Match(header);
        return match.Success
            ? new ContentRange(
                long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
                long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture),
                long.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture))
            : null;
    }

    [GeneratedRegex(@"^\s*items\s+(\d{1,18})-(\d{1,18})/(\d{1,18})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
