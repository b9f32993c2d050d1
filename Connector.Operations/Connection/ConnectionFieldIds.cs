namespace Connector.Operations.Connection;

/// <summary>The connection field ids the Connect descriptor declares.</summary>
public static class ConnectionFieldIds
{
    /// <summary>The API base URL.</summary>
    public const string Url = "url";

    /// <summary>The API key field (<c>SU-...:secret</c>): a password field, masked wherever properties are listed and never logged.</summary>
    public const string ApiKey = "apiKey";

    /// <summary>The per-attempt timeout in seconds.</summary>
    public const string RequestTimeoutSeconds = "requestTimeoutSeconds";

    /// <summary>The retry limit.</summary>
    public const string MaxRetries = "maxRetries";

    /// <summary>The first backoff delay in milliseconds.</summary>
    public const string RetryBaseDelayMilliseconds = "retryBaseDelayMilliseconds";

    /// <summary>The longest wait before one retry, in seconds.</summary>
    public const string RetryMaxDelaySeconds = "retryMaxDelaySeconds";

    /// <summary>Whether plain http to a non-loopback host is allowed.</summary>
    public const string AllowInsecureHttp = "allowInsecureHttp";

    /// <summary>The largest JSON answer, in MB (as received and after decompression).</summary>
    public const string MaxResponseMegabytes = "maxResponseMegabytes";

    /// <summary>How many times its compressed size an answer may grow while decoded.</summary>
    public const string MaxDecompressionRatio = "maxDecompressionRatio";

    /// <summary>The largest downloaded file, in MB.</summary>
    public const string MaxDownloadMegabytes = "maxDownloadMegabytes";

    /// <summary>The longest wait for the next bytes of an answer body, in seconds.</summary>
    public const string BodyIdleTimeoutSeconds = "bodyIdleTimeoutSeconds";

    /// <summary>The longest time reading one answer body may take per attempt, in seconds.</summary>
    public const string BodyTimeoutSeconds = "bodyTimeoutSeconds";

    /// <summary>
    /// Whether operations only describe their requests: nothing is sent, each document gets a SUCCESS result with
    /// code <c>DRY_RUN</c> whose payload is <c>{"method":..,"url":..,"body":..}</c> (a query: its first page request).
    /// </summary>
    public const string DryRun = "dryRun";
}
