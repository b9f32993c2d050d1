using System.Text.Json.Serialization;

namespace Connector.Benchmarks.Harness;

/// <summary>One line of the report: a scenario's median times (or a memory figure), the ratio to the baseline and the target.</summary>
internal sealed record ScenarioRow
{
    [JsonPropertyName("scenario")]
    public required string Scenario { get; init; }

    [JsonPropertyName("records")]
    public long Records { get; init; }

    [JsonPropertyName("connector_s")]
    public double? ConnectorSeconds { get; init; }

    [JsonPropertyName("baseline_s")]
    public double? BaselineSeconds { get; init; }

    /// <summary>Connector time / baseline time (of the medians); for memory rows, the ratio the target speaks of.</summary>
    [JsonPropertyName("ratio")]
    public double? Ratio { get; init; }

    /// <summary>The lower bound of the ratio's 95% interval (<see cref="PairedTimes.RatioInterval"/>); null for rows that are not paired.</summary>
    [JsonPropertyName("ratio_95_low")]
    public double? RatioLow { get; init; }

    /// <summary>The upper bound of the ratio's 95% interval; null for rows that are not paired.</summary>
    [JsonPropertyName("ratio_95_high")]
    public double? RatioHigh { get; init; }

    [JsonPropertyName("peak_working_set_mb")]
    public double? PeakWorkingSetMb { get; init; }

    [JsonPropertyName("peak_managed_heap_mb")]
    public double? PeakManagedHeapMb { get; init; }

    [JsonPropertyName("connector_records_per_s")]
    public double? ConnectorRecordsPerSecond { get; init; }

    [JsonPropertyName("baseline_records_per_s")]
    public double? BaselineRecordsPerSecond { get; init; }

    [JsonPropertyName("target")]
    public string Target { get; init; } = string.Empty;

    /// <summary>Whether the target was met; null when the row has no target.</summary>
    [JsonPropertyName("met")]
    public bool? Met { get; init; }

    [JsonPropertyName("notes")]
    public string Notes { get; init; } = string.Empty;
}
