using Connector.Core.Contexts;
using Connector.Operations.Http;
using Connector.Operations.Http.Errors;

namespace Connector.Operations.Connection;

/// <summary>
/// Reads connection properties once into <see cref="ConnectionSettings"/>: each value is the one given or the
/// descriptor field's default, checked against the field's range; then the settings' invariants are checked. Every
/// problem is collected and reported together in one <see cref="InvalidPropertyException"/> (naming the first field).
/// </summary>
internal static class ConnectionSettingsReader
{
    private const long Megabyte = 1024 * 1024;

    public static ConnectionSettings Read(PropertyValues properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var problems = new List<(string Field, string Message)>();
        var reader = new FieldReader(properties, problems);
        var settings = new ConnectionSettings
        {
            BaseUrl = reader.Url(),
            ApiKey = properties.GetString(ConnectionFieldIds.ApiKey),
            RequestTimeout = TimeSpan.FromSeconds(reader.Integer(ConnectionFieldIds.RequestTimeoutSeconds)),
            MaxRetries = (int)reader.Integer(ConnectionFieldIds.MaxRetries),
            RetryBaseDelay = TimeSpan.FromMilliseconds(reader.Integer(ConnectionFieldIds.RetryBaseDelayMilliseconds)),
            RetryMaxDelay = TimeSpan.FromSeconds(reader.Integer(ConnectionFieldIds.RetryMaxDelaySeconds)),
            AllowInsecureHttp = reader.Boolean(ConnectionFieldIds.AllowInsecureHttp),
            DryRun = reader.Boolean(ConnectionFieldIds.DryRun),
            MaxResponseBytes = reader.Integer(ConnectionFieldIds.MaxResponseMegabytes) * Megabyte,
            MaxDecompressionRatio = (int)reader.Integer(ConnectionFieldIds.MaxDecompressionRatio),
            MaxDownloadBytes = reader.Integer(ConnectionFieldIds.MaxDownloadMegabytes) * Megabyte,
            BodyIdleTimeout = TimeSpan.FromSeconds(reader.Integer(ConnectionFieldIds.BodyIdleTimeoutSeconds)),
            BodyTimeout = TimeSpan.FromSeconds(reader.Integer(ConnectionFieldIds.BodyTimeoutSeconds)),
        };

        // Invariants of fields that read well (a field that did not read is already reported).
        foreach (var failure in ConnectionSettingsValidator.Failures(settings))
        {
            var field = FieldOf(failure.Setting);
            if (!problems.Any(p => p.Field == field))
            {
                problems.Add((field, $"the connection property '{field}' is invalid: {failure.Setting} {failure.Problem}"));
            }
        }

        return problems.Count switch
        {
            0 => settings,
            1 => throw new InvalidPropertyException(properties.Scope, problems[0].Field, problems[0].Message),
            _ => throw new InvalidPropertyException(
                properties.Scope,
                problems[0].Field,
                $"{problems.Count} connection properties are invalid: " + string.Join("; ", problems.Select(p => p.Message))),
        };
    }

    private static string FieldOf(string setting) => setting switch
    {
        nameof(ConnectionSettings.BaseUrl) => ConnectionFieldIds.Url,
        nameof(ConnectionSettings.ApiKey) => ConnectionFieldIds.ApiKey,
        nameof(ConnectionSettings.RequestTimeout) => ConnectionFieldIds.RequestTimeoutSeconds,
        nameof(ConnectionSettings.MaxRetries) => ConnectionFieldIds.MaxRetries,
        nameof(ConnectionSettings.RetryBaseDelay) => ConnectionFieldIds.RetryBaseDelayMilliseconds,
        nameof(ConnectionSettings.RetryMaxDelay) => ConnectionFieldIds.RetryMaxDelaySeconds,
        nameof(ConnectionSettings.MaxResponseBytes) => ConnectionFieldIds.MaxResponseMegabytes,
        nameof(ConnectionSettings.MaxDecompressionRatio) => ConnectionFieldIds.MaxDecompressionRatio,
        nameof(ConnectionSettings.MaxDownloadBytes) => ConnectionFieldIds.MaxDownloadMegabytes,
        nameof(ConnectionSettings.BodyIdleTimeout) => ConnectionFieldIds.BodyIdleTimeoutSeconds,
        nameof(ConnectionSettings.BodyTimeout) => ConnectionFieldIds.BodyTimeoutSeconds,
        _ => setting,
    };

    /// <summary>Reads single fields, turning each field's error into a collected problem and a harmless placeholder value.</summary>
    private sealed class FieldReader(PropertyValues properties, List<(string Field, string Message)> problems)
    {
        public Uri? Url()
        {
            var url = Read(ConnectionFieldIds.Url, () => properties.GetRequiredString(ConnectionFieldIds.Url).Trim(), string.Empty);
            if (url.Length == 0)
            {
                return null;
            }

            if (Uri.TryCreate(url.TrimEnd('/'), UriKind.Absolute, out var baseUrl))
            {
                return baseUrl;
            }

            problems.Add((ConnectionFieldIds.Url, $"the API endpoint URL '{url}' is not an absolute URL (e.g. https://api.connect.cloudblue.com/public/v1)"));
            return null;
        }

        /// <summary>An integer field; it must have a value or a descriptor default (there is no other fallback).</summary>
        public long Integer(string id) => Read(
            id,
            () => properties.GetString(id) is null
                ? throw new InvalidPropertyException(properties.Scope, id, $"the connection property '{id}' has no value and the descriptor declares no default")
                : properties.GetInt64(id),
            1);

        public bool Boolean(string id) => Read(id, () => properties.GetBoolean(id), false);

        private T Read<T>(string id, Func<T> read, T placeholder)
        {
            try
            {
                return read();
            }
            catch (InvalidPropertyException ex)
            {
                problems.Add((id, ex.Message));
                return placeholder;
            }
        }
    }
}
