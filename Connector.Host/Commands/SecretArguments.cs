using System.Text.RegularExpressions;

namespace Connector.Host.Commands;

/// <summary>
/// Masks API keys in messages that may quote the command line (parse errors, usage errors, unexpected errors): the
/// values given to --api-key, the key from the environment, and anything that looks like a Connect key wherever it
/// stands (<c>SU-123-456:secret</c>, <c>ApiKey ...</c>), so that a key typed in the wrong place is not printed either.
/// </summary>
internal static partial class SecretArguments
{
    public const string Mask = "***";

    /// <summary>Masks the explicit secrets and every Connect-key-looking text in <paramref name="message"/>.</summary>
    public static string Redact(string message, IReadOnlyList<string> args, string? environmentKey)
    {
        var secrets = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--api-key" && i + 1 < args.Count && args[i + 1] != "-")
            {
                secrets.Add(args[i + 1]);
            }
            else if (args[i].StartsWith("--api-key=", StringComparison.Ordinal))
            {
                secrets.Add(args[i]["--api-key=".Length..]);
            }
        }

        if (!string.IsNullOrEmpty(environmentKey))
        {
            secrets.Add(environmentKey);
        }

        foreach (var secret in secrets.Select(s => s.Trim()).Where(s => s.Length >= 4).OrderByDescending(s => s.Length))
        {
            message = message.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return RedactKeyLike(message);
    }

    /// <summary>Masks every text that looks like a Connect API key.</summary>
    public static string RedactKeyLike(string message) => KeyLike().Replace(message, Mask);

    /// <summary>A Connect key: <c>SU-</c> and dash-separated groups, a colon and the secret; or anything after "ApiKey ".</summary>
    [GeneratedRegex(@"(?:\bApiKey\s+\S+)|(?:\bSU-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*:[^\s'""`,;]+)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex KeyLike();
}
