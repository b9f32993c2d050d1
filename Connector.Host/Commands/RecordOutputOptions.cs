using System.CommandLine;
using Connector.Host.Output;

namespace Connector.Host.Commands;

/// <summary>--output and --fields, the options that choose how a run-time command prints its records.</summary>
internal sealed class RecordOutputOptions
{
    private readonly Option<OutputFormat?> _output = new("--output", "-o")
    {
        Description = "json (one JSON line per record; the default in a pipe), table (the default on a terminal), csv, tsv or xlsx (a workbook on stdout: redirect it to a file).",
        HelpName = "json|table|csv|tsv|xlsx",
    };

    private readonly Option<string[]> _fields = new("--fields", "--columns")
    {
        Description = "The fields to print, comma-separated dotted paths (id,status,asset.product.id): the columns of a table, CSV or workbook, the fields kept in JSON. Only changes the output (a query's --select changes what Connect returns; without --fields the selected fields are printed). A table's default: the object type's key columns.",
        HelpName = "F,...",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_output);
        command.Options.Add(_fields);
    }

    /// <summary>The format asked for (null: decided by whether stdout is a terminal) and the fields (null: all, or the defaults).</summary>
    public (OutputFormat? Format, IReadOnlyList<string>? Fields) Read(ParseResult result)
    {
        var fields = (result.GetValue(_fields) ?? [])
            .SelectMany(f => f.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        if (fields.Any(f => f.Split('.').Any(string.IsNullOrWhiteSpace)))
        {
            throw new UsageException($"--fields '{string.Join(",", fields)}': a field path has an empty part (write a.b.c)");
        }

        return (result.GetValue(_output), fields.Count == 0 ? null : fields);
    }
}
