namespace Connector.Host.Commands;

/// <summary>How results are printed.</summary>
/// <param name="Results">--results: one line per result instead of one per output document.</param>
/// <param name="OutPath">--out: where downloaded files go.</param>
internal sealed record OutputOptions(bool Results, string? OutPath);
