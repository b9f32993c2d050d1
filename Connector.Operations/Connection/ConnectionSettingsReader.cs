using Connector.Core.Contexts;
using Connector.Operations.Http;
using Connector.Operations.Http.Errors;

namespace Connector.Operations.Connection;

/// <summary>Turns connection properties (with the descriptor's defaults and ranges) into validated <see cref="ConnectionSettings"/>.</summary>
internal static class ConnectionSettingsReader
{
    public static ConnectionSettings Read(PropertyValues properties)
    {
        var url = properties.GetRequiredString(ConnectionFieldIds.Url).Trim();
        if (!Uri.TryCreate(url.TrimEnd('/'), UriKind.Absolute, out var baseUrl))
        {
            throw new InvalidPropertyException(properties.Scope, ConnectionFieldIds.Url, $"the API endpoint URL '{url}' is not an absolute URL (e.g. https://api.connect.cloudblue.com/public/v1)");
        }

        var settings = new ConnectionSettings
        {
            BaseUrl = baseUrl,
            ApiKey = properties.GetString(ConnectionFieldIds.ApiKey),
            RequestTimeout = TimeSpan.FromSeconds(properties.GetInt32(ConnectionFieldIds.RequestTimeoutSeconds, 60)),
            MaxRetries = properties.GetInt32(ConnectionFieldIds.MaxRetries, 4),
            RetryBaseDelay = TimeSpan.FromMilliseconds(properties.GetInt32(ConnectionFieldIds.RetryBaseDelayMilliseconds, 500)),
            RetryMaxDelay = TimeSpan.FromSeconds(properties.GetInt32(ConnectionFieldIds.RetryMaxDelaySeconds, 30)),
            AllowInsecureHttp = properties.GetBoolean(ConnectionFieldIds.AllowInsecureHttp),
        };
        if (settings.RetryMaxDelay < settings.RetryBaseDelay)
        {
            settings = new ConnectionSettings
            {
                BaseUrl = settings.BaseUrl,
                ApiKey = settings.ApiKey,
                RequestTimeout = settings.RequestTimeout,
                MaxRetries = settings.MaxRetries,
                RetryBaseDelay = settings.RetryMaxDelay,
                RetryMaxDelay = settings.RetryMaxDelay,
                AllowInsecureHttp = settings.AllowInsecureHttp,
            };
        }

        try
        {
            return settings.Validate();
        }
        catch (InvalidConnectionSettingsException ex)
        {
            var field = ex.Setting switch
            {
                nameof(ConnectionSettings.BaseUrl) => ConnectionFieldIds.Url,
                nameof(ConnectionSettings.ApiKey) => ConnectionFieldIds.ApiKey,
                nameof(ConnectionSettings.RequestTimeout) => ConnectionFieldIds.RequestTimeoutSeconds,
                nameof(ConnectionSettings.MaxRetries) => ConnectionFieldIds.MaxRetries,
                nameof(ConnectionSettings.RetryBaseDelay) => ConnectionFieldIds.RetryBaseDelayMilliseconds,
                nameof(ConnectionSettings.RetryMaxDelay) => ConnectionFieldIds.RetryMaxDelaySeconds,
                _ => ex.Setting,
            };
            throw new InvalidPropertyException(properties.Scope, field, $"the connection property '{field}' is invalid: {ex.Message}");
        }
    }
}
