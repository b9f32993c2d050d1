using Connector.Core.Querying;

namespace Connector.Core.Listening;

/// <summary>What a LISTEN operation listens for: polling (the default) or webhook deliveries (<see cref="Webhook"/>).</summary>
public sealed record ListenRequest
{
    /// <summary>Which records count (polling; the sort of the filter is ignored: changes come in cursor order).</summary>
    public QueryFilter Filter { get; init; } = QueryFilter.All;

    /// <summary>Where polling resumes; <see cref="ListenCheckpoint.Start"/> for a first run.</summary>
    public ListenCheckpoint Checkpoint { get; init; } = ListenCheckpoint.Start;

    /// <summary>On a first run (no cursor), only changes at or after this time; null for every matching record.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Deliver what is pending, then return (cron-friendly); otherwise poll until cancelled.</summary>
    public bool DrainOnce { get; init; }

    /// <summary>The pause between polls once nothing is pending (5 seconds by default).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest pause after repeated errors (exponential backoff from one second; 5 minutes by default).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Receive webhook deliveries instead of polling; null to poll.</summary>
    public WebhookListenSettings? Webhook { get; init; }
}
