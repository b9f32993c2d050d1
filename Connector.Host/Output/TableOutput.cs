namespace Connector.Host.Output;

/// <summary>
/// Aligned columns for a terminal (as gh prints them): a header row of the field paths (what --fields takes), then one row per record,
/// columns two spaces apart, cells on one line and cut with "…" so the table fits the terminal's width. The widths
/// come from the first <see cref="WidthSample"/> records (kept until then); later rows stream with the same widths.
/// Default columns (not <paramref name="explicitColumns"/>) that the first record has none of (a count, a download's
/// description) give way to that record's first leaf fields.
/// </summary>
internal sealed class TableOutput(TextWriter output, IReadOnlyList<string> columns, bool explicitColumns, int width) : IRecordOutput
{
    private const int MostDefaultColumns = 8;
    /// <summary>How many rows decide the column widths.</summary>
    public const int WidthSample = 100;

    private const string Gap = "  ";
    private const int NarrowestColumn = 4;
    private readonly List<string[]> _sample = [];
    private int[]? _widths;

    public async ValueTask WriteAsync(string json, CancellationToken cancellationToken)
    {
        var record = RecordFields.Parse(json);
        if (!explicitColumns && _widths is null && _sample.Count == 0 && (columns.Count == 0 || columns.All(c => RecordFields.Column(record, c) is null)))
        {
            columns = RecordFields.LeafPaths(record).Take(MostDefaultColumns).ToList();
        }

        var row = columns.Select(c => OneLine(RecordFields.Text(RecordFields.Column(record, c)))).ToArray();
        if (_widths is not null)
        {
            await output.WriteLineAsync(Format(row)).ConfigureAwait(false);
            return;
        }

        _sample.Add(row);
        if (_sample.Count >= WidthSample)
        {
            await FlushSampleAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (_widths is null && _sample.Count > 0)
        {
            await FlushSampleAsync().ConfigureAwait(false);
        }
    }

    private async Task FlushSampleAsync()
    {
        _widths = FitWidths(columns.Select((c, i) => Math.Max(c.Length, _sample.Max(r => r[i].Length))).ToArray(), width);
        await output.WriteLineAsync(Format(columns.ToArray())).ConfigureAwait(false);
        foreach (var row in _sample)
        {
            await output.WriteLineAsync(Format(row)).ConfigureAwait(false);
        }

        _sample.Clear();
    }

    /// <summary>Shrinks the widest columns until the row fits (0: no limit).</summary>
    private static int[] FitWidths(int[] natural, int available)
    {
        var widths = (int[])natural.Clone();
        if (available <= 0)
        {
            return widths;
        }

        while (widths.Sum() + (Gap.Length * (widths.Length - 1)) > available)
        {
            var widest = Array.IndexOf(widths, widths.Max());
            if (widths[widest] <= NarrowestColumn)
            {
                break;
            }

            widths[widest]--;
        }

        return widths;
    }

    private string Format(string[] row)
    {
        var cells = row.Select((cell, i) => Cut(cell, _widths![i]).PadRight(i == row.Length - 1 ? 0 : _widths[i]));
        return string.Join(Gap, cells).TrimEnd();
    }

    private static string Cut(string text, int width) => text.Length <= width ? text : string.Concat(text.AsSpan(0, Math.Max(0, width - 1)), "…");

    private static string OneLine(string text) => text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');
}
