using Connector.Host.Output;

namespace Connector.Host.Commands;

/// <summary>How results are printed.</summary>
/// <param name="Results">--results: one line per result instead of one per output document.</param>
/// <param name="OutPath">--out: where downloads go.</param>
/// <param name="Format">--output, or null: a table on a terminal, JSON lines in a pipe.</param>
/// <param name="Fields">--fields, or null: every field (JSON, CSV, workbook) or the object type's key columns (table).</param>
/// <param name="FailMissing">--fail-missing: a get of an id that does not exist is an application error, not an empty success.</param>
/// <param name="IndentOnTerminal">JSON records are indented when stdout is a terminal (the raw API's answers), compact lines in a pipe.</param>
internal sealed record OutputOptions(bool Results, string? OutPath, OutputFormat? Format = null, IReadOnlyList<string>? Fields = null, bool FailMissing = false, bool IndentOnTerminal = false);
