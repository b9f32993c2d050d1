namespace Connector.Operations.Http;

/// <summary>
/// Removes the API key (whole, and its secret part after ':') from any text before it reaches a message or a log.
/// </summary>
internal sealed class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    private const int MinimumSecretLength = 4;
    private readonly string[] _secrets;

    /// <summary>Creates a redactor for one API key (given with or without its prefix).</summary>
    public SecretRedactor(string? apiKey)
    {
        var key = ApiKeyHeader.StripPrefix(apiKey);
        var secrets = new List<string>();
        if (key.Length >= MinimumSecretLength)
        {
            secrets.Add(key);
        }

        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && key.Length - colon - 1 >= MinimumSecretLength)
        {
            secrets.Add(key[(colon + 1)..]);
        }

        _secrets = [.. secrets];
    }

    /// <summary>The text with every occurrence of the key or its secret part masked.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
