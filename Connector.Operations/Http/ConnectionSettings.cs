using System.Globalization;
using System.Net;
using Connector.Operations.Http.Errors;

namespace Connector.Operations.Http;

/// <summary>
/// How the connector reaches one CloudBlue Connect account: base URL, API key, timeouts and retry limits.
/// Call <see cref="Validate"/> before use; <see cref="ToString"/> never shows the API key.
/// </summary>
public sealed class ConnectionSettings
{
    /// <summary>The smallest allowed <see cref="RequestTimeout"/> (Polly's lower bound).</summary>
    public static readonly TimeSpan MinimumRequestTimeout = TimeSpan.FromMilliseconds(20);

    /// <summary>The largest allowed <see cref="RequestTimeout"/>.</summary>
    public static readonly TimeSpan MaximumRequestTimeout = TimeSpan.FromHours(1);

    /// <summary>The largest allowed <see cref="MaxRetries"/>.</summary>
    public const int MaximumRetries = 10;

    /// <summary>
    /// The API root every operation path is relative to, e.g. <c>https://api.connect.cloudblue.com/public/v1</c>.
    /// Must be absolute http(s); plain http only to a loopback host unless <see cref="AllowInsecureHttp"/> is set.
    /// </summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>
    /// The API key, with or without the <c>ApiKey </c> prefix (e.g. <c>SU-000-000-000:secret</c>). A secret: never shown.
    /// </summary>
    public string? ApiKey { get; init; }

    /// <summary>How long one attempt may wait for the response headers (default 60 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times a failed request is retried when retrying is safe (default 4, 0..10).</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The first delay of the exponential backoff (default 500 ms).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between two attempts; caps both the backoff and a server's Retry-After (default 30 s).</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Allows plain <c>http://</c> to hosts other than loopback (default false; the API key would travel unencrypted).</summary>
    public bool AllowInsecureHttp { get; init; }

    /// <summary>
    /// Checks every setting and throws <see cref="InvalidConnectionSettingsException"/> naming the first wrong one.
    /// </summary>
    /// <returns>This instance, for chaining.</returns>
    public ConnectionSettings Validate()
    {
        if (BaseUrl is null)
        {
            throw new InvalidConnectionSettingsException(nameof(BaseUrl), "is required (e.g. https://api.connect.cloudblue.com/public/v1)");
        }

        if (!BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttps && BaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidConnectionSettingsException(nameof(BaseUrl), "must be an absolute http or https URL");
        }

        if (!string.IsNullOrEmpty(BaseUrl.Query) || !string.IsNullOrEmpty(BaseUrl.Fragment) || !string.IsNullOrEmpty(BaseUrl.UserInfo))
        {
            throw new InvalidConnectionSettingsException(nameof(BaseUrl), "must not contain a query, a fragment or user information");
        }

        if (BaseUrl.Scheme == Uri.UriSchemeHttp && !AllowInsecureHttp && !IsLoopbackHost(BaseUrl))
        {
            throw new InvalidConnectionSettingsException(
                nameof(BaseUrl),
                $"uses plain http to the non-loopback host '{BaseUrl.Host}'; use https, or set {nameof(AllowInsecureHttp)} to send the API key unencrypted");
        }

        if (string.IsNullOrWhiteSpace(ApiKeyHeader.StripPrefix(ApiKey)))
        {
            throw new InvalidConnectionSettingsException(nameof(ApiKey), "is required");
        }

        if (!ApiKeyHeader.IsValidHeaderValue(ApiKey!))
        {
            throw new InvalidConnectionSettingsException(nameof(ApiKey), "contains control or non-ASCII characters");
        }

        if (RequestTimeout < MinimumRequestTimeout || RequestTimeout > MaximumRequestTimeout)
        {
            throw new InvalidConnectionSettingsException(
                nameof(RequestTimeout),
                $"must be between {MinimumRequestTimeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms and {MaximumRequestTimeout.TotalHours.ToString(CultureInfo.InvariantCulture)} h");
        }

        if (MaxRetries < 0 || MaxRetries > MaximumRetries)
        {
            throw new InvalidConnectionSettingsException(nameof(MaxRetries), $"must be between 0 and {MaximumRetries.ToString(CultureInfo.InvariantCulture)}");
        }

        if (RetryBaseDelay < TimeSpan.Zero || RetryBaseDelay > TimeSpan.FromDays(1))
        {
            throw new InvalidConnectionSettingsException(nameof(RetryBaseDelay), "must be between 0 and 1 day");
        }

        if (RetryMaxDelay < RetryBaseDelay || RetryMaxDelay > TimeSpan.FromDays(1))
        {
            throw new InvalidConnectionSettingsException(nameof(RetryMaxDelay), $"must be at least {nameof(RetryBaseDelay)} and at most 1 day");
        }

        return this;
    }

    /// <summary>Describes the settings without the API key.</summary>
    /// <returns>A text like <c>ConnectionSettings { BaseUrl = https://…, ApiKey = ***, … }</c>.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"ConnectionSettings {{ BaseUrl = {BaseUrl}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(none)" : "***")}, RequestTimeout = {RequestTimeout}, MaxRetries = {MaxRetries}, RetryBaseDelay = {RetryBaseDelay}, RetryMaxDelay = {RetryMaxDelay}, AllowInsecureHttp = {AllowInsecureHttp} }}");

    private static bool IsLoopbackHost(Uri url)
    {
        var host = url.IdnHost;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}
