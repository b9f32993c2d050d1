namespace Connector.Host.Output;

/// <summary>How a run-time command prints its records (--output).</summary>
internal enum OutputFormat
{
    /// <summary>One compact JSON line per record (the default in a pipe).</summary>
    Json,

    /// <summary>Aligned columns for people (the default on a terminal).</summary>
    Table,

    /// <summary>Comma-separated values with a header row (RFC 4180 quoting).</summary>
    Csv,

    /// <summary>Tab-separated values with a header row.</summary>
    Tsv,

    /// <summary>An Excel workbook with a header row and one row per record, written to stdout.</summary>
    Xlsx,
}
