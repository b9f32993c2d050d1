namespace Connector.Core.Listening;

/// <summary>
/// A webhook receiver: an HTTP endpoint on 127.0.0.1 that accepts the endpoint's POSTs, checks their signature with
/// the shared secret, queues them (bounded: a full queue answers 503 so the sender retries later) and hands them on.
/// </summary>
public sealed class WebhookListenSettings
{
    /// <summary>Creates the settings.</summary>
    /// <param name="port">The TCP port on 127.0.0.1; 0 picks a free one (see <see cref="OnListening"/>).</param>
    /// <param name="secret">The shared secret deliveries are signed with; never logged or printed.</param>
    public WebhookListenSettings(int port, string secret)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        Port = port;
        Secret = secret;
    }

    /// <summary>The TCP port on 127.0.0.1 (0: a free one).</summary>
    public int Port { get; }

    /// <summary>The secret deliveries must be signed with (never empty); a delivery with another signature is refused. Never logged or printed.</summary>
    public string Secret { get; }

    /// <summary>How many accepted deliveries may wait for the sink before new ones get 503 (64 by default).</summary>
    public int QueueCapacity { get; init; } = 64;

    /// <summary>
    /// A public URL that forwards to this receiver: when given, the operation registers (or re-activates) a webhook
    /// pointing there on start and deactivates it on stop.
    /// </summary>
    public Uri? RegisterUrl { get; init; }

    /// <summary>What the registration covers, when the endpoint scopes webhooks (Connect: the product id).</summary>
    public string? RegisterScope { get; init; }

    /// <summary>Called with the receiver's address once it accepts connections.</summary>
    public Action<Uri>? OnListening { get; init; }

    /// <summary>Called with the webhook's id once it is registered (with <see cref="RegisterUrl"/>).</summary>
    public Action<string>? OnRegistered { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"webhook receiver on 127.0.0.1:{Port}";
}
