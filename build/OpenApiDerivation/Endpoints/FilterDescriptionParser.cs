using System.Text.RegularExpressions;

namespace Connector.OpenApiDerivation.Endpoints;

/// <summary>
/// Parses the filter notes Connect writes into query parameter descriptions:
/// <c>**lookups:** eq, ne, in</c>, <c>**ordering:** true</c>, <c>**search:** true</c>, <c>**null:** ...</c>.
/// </summary>
internal static partial class FilterDescriptionParser
{
    /// <summary>What the description says, or null when it has no <c>**lookups:**</c> line.</summary>
    public static ParsedFilterNotes? Parse(string? description)
    {
        if (string.IsNullOrEmpty(description))
        {
            return null;
        }

        var lookups = LookupsLine().Match(description);
        if (!lookups.Success)
        {
            return null;
        }

        var operators = lookups.Groups["list"].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(o => o.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var orderable = TrueLine("ordering", description);
        var search = TrueLine("search", description);
        var nullLine = NullLine().IsMatch(description);
        return new ParsedFilterNotes(operators, orderable, search, nullLine || operators.Contains("null"));
    }

    private static bool TrueLine(string keyword, string description) =>
        Regex.IsMatch(description, @"\*\*" + keyword + @":\*\*[ \t]*true\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [GeneratedRegex(@"\*\*lookups:\*\*[ \t]*(?<list>[^\r\n]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LookupsLine();

    [GeneratedRegex(@"\*\*null:\*\*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NullLine();
}
