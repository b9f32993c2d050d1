using System.Globalization;
using Connector.Operations.Http.Errors;

namespace Connector.Operations.Http;

/// <summary>
/// How the connector reaches one CloudBlue Connect account: base URL, API key, timeouts, retry limits and the limits
/// on what an answer may cost. Every value is given: the connector reads them from the descriptor's connection fields
/// (whose defaults and ranges are the only ones), so this type has no defaults of its own. <see cref="Validate"/>
/// reports every broken invariant at once; <see cref="ToString"/> never shows the API key.
/// </summary>
internal sealed record ConnectionSettings
{
    /// <summary>
    /// The API root every operation path is relative to, e.g. <c>https://api.connect.cloudblue.com/public/v1</c>.
    /// Must be absolute http(s); plain http only to a loopback host unless <see cref="AllowInsecureHttp"/> is set.
    /// </summary>
    public required Uri? BaseUrl { get; init; }

    /// <summary>The API key, with or without the <c>ApiKey </c> prefix (e.g. <c>SU-000-000-000:secret</c>). A secret: never shown.</summary>
    public required string? ApiKey { get; init; }

    /// <summary>How long one attempt may wait for the response headers.</summary>
    public required TimeSpan RequestTimeout { get; init; }

    /// <summary>How many times a failed request is retried when retrying is safe; attempts are one more.</summary>
    public required int MaxRetries { get; init; }

    /// <summary>The first delay of the exponential backoff; never above <see cref="RetryMaxDelay"/>.</summary>
    public required TimeSpan RetryBaseDelay { get; init; }

    /// <summary>The longest wait between two attempts; caps both the backoff and a server's Retry-After.</summary>
    public required TimeSpan RetryMaxDelay { get; init; }

    /// <summary>Allows plain <c>http://</c> to hosts other than loopback (the API key would travel unencrypted).</summary>
    public bool AllowInsecureHttp { get; init; }

    /// <summary>Sends nothing: each request is described instead (a SUCCESS <c>DRY_RUN</c> result per document).</summary>
    public bool DryRun { get; init; }

    /// <summary>The most bytes one JSON answer body may have, counted as received and again after decompression.</summary>
    public required long MaxResponseBytes { get; init; }

    /// <summary>How many times bigger than its compressed bytes a compressed answer may grow while it is decoded.</summary>
    public required int MaxDecompressionRatio { get; init; }

    /// <summary>The most bytes one downloaded file may have (it goes to a temporary file, not to memory).</summary>
    public required long MaxDownloadBytes { get; init; }

    /// <summary>The longest wait for the next bytes of an answer body once its headers arrived.</summary>
    public required TimeSpan BodyIdleTimeout { get; init; }

    /// <summary>The longest time reading one answer body may take, per attempt.</summary>
    public required TimeSpan BodyTimeout { get; init; }

    /// <summary>Throws <see cref="InvalidConnectionSettingsException"/> listing every broken invariant, or returns this instance.</summary>
    public ConnectionSettings Validate()
    {
        var failures = ConnectionSettingsValidator.Failures(this);
        return failures.Count == 0 ? this : throw new InvalidConnectionSettingsException(failures);
    }

    /// <summary>Describes the settings with the API key masked.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"ConnectionSettings {{ BaseUrl = {BaseUrl}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(none)" : "***")}, RequestTimeout = {RequestTimeout}, MaxRetries = {MaxRetries}, RetryBaseDelay = {RetryBaseDelay}, RetryMaxDelay = {RetryMaxDelay}, AllowInsecureHttp = {AllowInsecureHttp}, MaxResponseBytes = {MaxResponseBytes}, MaxDecompressionRatio = {MaxDecompressionRatio}, MaxDownloadBytes = {MaxDownloadBytes}, BodyIdleTimeout = {BodyIdleTimeout}, BodyTimeout = {BodyTimeout}, DryRun = {DryRun} }}");
}
