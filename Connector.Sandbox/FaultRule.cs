namespace Connector.Sandbox;

/// <summary>
/// One fault to inject. A request matches when its method equals <see cref="Method"/> (any when null) and its path
/// (for example <c>/public/v1/assets</c>) starts with <see cref="PathPrefix"/> (any when null). Matching requests are
/// counted from 1; the rule fires on the <see cref="Nth"/> one and the following ones until it fired <see cref="Count"/>
/// times, or, with <see cref="Fraction"/>, on a seeded random share of them.
/// </summary>
public sealed class FaultRule
{
    /// <summary>HTTP method to match (case-insensitive); null matches any.</summary>
    public string? Method { get; init; }

    /// <summary>Path prefix to match, including <c>/public/v1</c>; null matches any.</summary>
    public string? PathPrefix { get; init; }

    /// <summary>What the fault does.</summary>
    public FaultKind Kind { get; init; }

    /// <summary>The first matching request (1-based) the rule fires on; 1 when neither this nor <see cref="Fraction"/> is set.</summary>
    public int? Nth { get; init; }

    /// <summary>Probability (0..1) that a matching request is faulted, drawn from a Random seeded with the sandbox seed.</summary>
    public double? Fraction { get; init; }

    /// <summary>How many times the rule fires (1 by default); 0 or less means without limit.</summary>
    public int Count { get; init; } = 1;

    /// <summary>Retry-After value: seconds (<c>"2"</c>) or an HTTP-date; 429 defaults to <c>"1"</c>.</summary>
    public string? RetryAfter { get; init; }

    /// <summary>Delay of <see cref="FaultKind.Latency"/> faults (1 second by default).</summary>
    public TimeSpan? Delay { get; init; }
}
