using System.Text.RegularExpressions;

namespace Connector.Host.Commands;

/// <summary>
/// Masks API keys in messages that may quote the command line (parse errors, usage errors, unexpected errors): the
/// values given to --api-key and --secret, the key from the environment, and anything that looks like a Connect key wherever it
/// stands (<c>SU-123-456:secret</c>, <c>ApiKey ...</c>), so that a key typed in the wrong place is not printed either.
/// </summary>
internal static partial class SecretArguments
{
    public const string Mask = "***";

    /// <summary>The options whose value is a secret: the API key and the webhook secret of <c>listen --webhook</c>.</summary>
    private static readonly string[] SecretOptions = ["--api-key", "--secret"];

    /// <summary>Masks the explicit secrets and every Connect-key-looking text in <paramref name="message"/>.</summary>
    public static string Redact(string message, IReadOnlyList<string> args, string? environmentKey)
    {
        var secrets = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            foreach (var option in SecretOptions)
            {
                if (args[i] == option && i + 1 < args.Count && args[i + 1] != "-")
                {
                    secrets.Add(args[i + 1]);
                }
                else if (args[i].StartsWith(option + "=", StringComparison.Ordinal))
                {
                    secrets.Add(args[i][(option.Length + 1)..]);
                }
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
