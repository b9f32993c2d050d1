using Connector.Host.Commands;

namespace Connector.Host.Output;

/// <summary>Builds the <see cref="IRecordOutput"/> of a run from --output/--fields and whether stdout is a terminal.</summary>
internal static class RecordOutputs
{
    /// <summary>The columns of a --results table when no --fields are given.</summary>
    public static readonly IReadOnlyList<string> ResultColumns = ["trackingId", "status", "code", "message"];

    /// <summary>The format used: the one asked for, else a table on a terminal and JSON lines in a pipe.</summary>
    public static OutputFormat Resolve(OutputFormat? asked, HostConsole console) => asked ?? (console.OutputIsTerminal ? OutputFormat.Table : OutputFormat.Json);

    /// <param name="options">--output and --fields as given; a missing --output picks a table on a terminal and JSON lines in a pipe.</param>
    /// <param name="console">The console (stdout, whether it is a terminal and how wide).</param>
    /// <param name="keyColumns">The object type's key columns (a table's default).</param>
    public static IRecordOutput Create(OutputOptions options, HostConsole console, IReadOnlyList<string> keyColumns) => Resolve(options.Format, console) switch
    {
        OutputFormat.Table => new TableOutput(console.Out, options.Fields ?? (options.Results ? ResultColumns : keyColumns), options.Fields is not null, console.OutputWidth),
        OutputFormat.Csv => new DelimitedOutput(console.Out, ',', options.Fields),
        OutputFormat.Tsv => new DelimitedOutput(console.Out, '\t', options.Fields),
        OutputFormat.Xlsx => new WorkbookOutput(BinaryStdout(console), options.Fields),
        _ => new JsonLinesOutput(console.Out, options.Fields, options.IndentOnTerminal && console.OutputIsTerminal),
    };

    /// <summary>stdout as bytes: a workbook is not text, and not for a terminal.</summary>
    private static Stream BinaryStdout(HostConsole console)
    {
        if (console.OutputIsTerminal)
        {
            throw new UsageException("--output xlsx writes a binary workbook: redirect stdout to a file (e.g. '-o xlsx > records.xlsx')");
        }

        if (console.Out is not StreamWriter writer)
        {
            throw new UsageException("--output xlsx needs stdout to be a byte stream (a file or a pipe)");
        }

        writer.Flush();
        return writer.BaseStream;
    }
}
