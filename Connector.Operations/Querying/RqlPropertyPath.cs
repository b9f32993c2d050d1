using System.Text.RegularExpressions;

namespace Connector.Operations.Querying;

/// <summary>
/// Property paths of RQL terms: Boomi-style <c>asset/product/id</c> becomes the API's dotted <c>asset.product.id</c>.
/// A path must look like an RQL property (a letter, then letters, digits, <c>_ - .</c>) so it can never break out of its term.
/// </summary>
internal static partial class RqlPropertyPath
{
    /// <summary>Converts <c>/</c> separators to <c>.</c> and trims surrounding blanks.</summary>
    /// <param name="path">The path as the user gave it.</param>
    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Trim().Replace('/', '.');
    }

    /// <summary>Whether a (normalized) path is a valid RQL property name.</summary>
    public static bool IsValid(string path) => PropertyPattern().IsMatch(path);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_.\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PropertyPattern();
}
