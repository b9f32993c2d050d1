using System.Globalization;
using System.Net;
using Connector.Operations.Http.Errors;
using Microsoft.Extensions.Options;

namespace Connector.Operations.Http;

/// <summary>
/// Checks the invariants of <see cref="ConnectionSettings"/> that no single field's range expresses (the descriptor's
/// connection fields carry the ranges): a usable URL and key, positive timeouts and limits, a base delay not above the
/// cap (no silent clamping), and the bounds of the per-attempt timeout and the retry pipeline's delays. Every failure is
/// reported, not only the first.
/// </summary>
internal sealed class ConnectionSettingsValidator : IValidateOptions<ConnectionSettings>
{
    /// <summary>The shortest per-attempt timeout (a shorter one could not see even a loopback answer).</summary>
    private static readonly TimeSpan MinimumRequestTimeout = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest per-attempt timeout and retry delay (the retry pipeline accepts no longer delay).</summary>
    private static readonly TimeSpan MaximumDelay = TimeSpan.FromDays(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ConnectionSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Failures(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures.Select(f => $"{f.Setting} {f.Problem}"));
    }

    /// <summary>Every broken invariant, in declaration order; empty when the settings can be used.</summary>
    public static IReadOnlyList<ConnectionSettingFailure> Failures(ConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var failures = new List<ConnectionSettingFailure>();
        void Fail(string setting, string problem) => failures.Add(new ConnectionSettingFailure(setting, problem));

        if (BaseUrlProblem(settings) is { } urlProblem)
        {
            Fail(nameof(ConnectionSettings.BaseUrl), urlProblem);
        }

        if (string.IsNullOrWhiteSpace(ApiKeyHeader.StripPrefix(settings.ApiKey)))
        {
            Fail(nameof(ConnectionSettings.ApiKey), "is required");
        }
        else if (!ApiKeyHeader.IsValidHeaderValue(settings.ApiKey!))
        {
            Fail(nameof(ConnectionSettings.ApiKey), "contains control or non-ASCII characters");
        }

        if (settings.RequestTimeout < MinimumRequestTimeout || settings.RequestTimeout > MaximumDelay)
        {
            Fail(nameof(ConnectionSettings.RequestTimeout), $"must be between {Format(MinimumRequestTimeout)} and 1 day");
        }

        if (settings.MaxRetries < 0)
        {
            Fail(nameof(ConnectionSettings.MaxRetries), "must not be negative");
        }

        if (settings.RetryBaseDelay < TimeSpan.Zero)
        {
            Fail(nameof(ConnectionSettings.RetryBaseDelay), "must not be negative");
        }

        if (settings.RetryMaxDelay < TimeSpan.Zero || settings.RetryMaxDelay > MaximumDelay)
        {
            Fail(nameof(ConnectionSettings.RetryMaxDelay), "must be between 0 and 1 day");
        }
        else if (settings.RetryBaseDelay > settings.RetryMaxDelay)
        {
            Fail(nameof(ConnectionSettings.RetryBaseDelay), $"({Format(settings.RetryBaseDelay)}) must not be above {nameof(ConnectionSettings.RetryMaxDelay)} ({Format(settings.RetryMaxDelay)})");
        }

        Positive(settings.MaxResponseBytes, nameof(ConnectionSettings.MaxResponseBytes), Fail);
        Positive(settings.MaxDecompressionRatio, nameof(ConnectionSettings.MaxDecompressionRatio), Fail);
        Positive(settings.MaxDownloadBytes, nameof(ConnectionSettings.MaxDownloadBytes), Fail);
        Positive(settings.BodyIdleTimeout.Ticks, nameof(ConnectionSettings.BodyIdleTimeout), Fail);
        Positive(settings.BodyTimeout.Ticks, nameof(ConnectionSettings.BodyTimeout), Fail);
        return failures;
    }

    private static void Positive(long value, string setting, Action<string, string> fail)
    {
        if (value <= 0)
        {
            fail(setting, "must be positive");
        }
    }

    private static string? BaseUrlProblem(ConnectionSettings settings)
    {
        var url = settings.BaseUrl;
        if (url is null)
        {
            return "is required (e.g. https://api.connect.cloudblue.com/public/v1)";
        }

        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return "must be an absolute http or https URL";
        }

        if (!string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment) || !string.IsNullOrEmpty(url.UserInfo))
        {
            return "must not contain a query, a fragment or user information";
        }

        return url.Scheme == Uri.UriSchemeHttp && !settings.AllowInsecureHttp && !IsLoopbackHost(url)
            ? $"uses plain http to the non-loopback host '{url.Host}'; use https, or set {nameof(ConnectionSettings.AllowInsecureHttp)} to send the API key unencrypted"
            : null;
    }

    private static bool IsLoopbackHost(Uri url)
    {
        var host = url.IdnHost;
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }

    private static string Format(TimeSpan value) => value.TotalSeconds >= 1
        ? value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s"
        : value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms";
}
