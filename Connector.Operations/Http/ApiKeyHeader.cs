namespace Connector.Operations.Http;

/// <summary>
/// Builds the <c>Authorization: ApiKey &lt;key&gt;</c> value Connect expects, whether or not the user typed the prefix.
/// </summary>
internal static class ApiKeyHeader
{
    /// <summary>The authorization scheme, with its trailing space.</summary>
    public const string Prefix = "ApiKey ";

    /// <summary>The header value: the trimmed key with exactly one <c>ApiKey </c> prefix.</summary>
    public static string Format(string apiKey) => Prefix + StripPrefix(apiKey);

    /// <summary>The bare key: trimmed, without a leading <c>ApiKey </c> (compared case-insensitively).</summary>
    public static string StripPrefix(string? apiKey)
    {
        var key = (apiKey ?? string.Empty).Trim();
        if (key.Equals(Prefix.TrimEnd(), StringComparison.OrdinalIgnoreCase))
        {
            return string.Empty;
        }

        if (key.StartsWith(Prefix.TrimEnd(), StringComparison.OrdinalIgnoreCase)
            && key.Length > Prefix.Length - 1
            && char.IsWhiteSpace(key[Prefix.Length - 1]))
        {
            key = key[(Prefix.Length - 1)..].Trim();
        }

        return key;
    }

    /// <summary>Whether the key can travel in an HTTP header (printable ASCII only, so no header injection).</summary>
    public static bool IsValidHeaderValue(string apiKey) => StripPrefix(apiKey).All(c => c is >= ' ' and <= '~');
}
