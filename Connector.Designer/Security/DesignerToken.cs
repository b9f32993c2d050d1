using System.Security.Cryptography;
using System.Text;

namespace Connector.Designer.Security;

/// <summary>The run's secret: 32 random bytes as base64url, compared in constant time.</summary>
internal static class DesignerToken
{
    /// <summary>A fresh token.</summary>
    public static string Create() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Whether <paramref name="given"/> is <paramref name="expected"/> (constant time for equal lengths).</summary>
    public static bool Matches(string expected, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));
}
