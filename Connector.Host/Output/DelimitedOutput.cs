using System.Text;

namespace Connector.Host.Output;

/// <summary>
/// CSV (RFC 4180: fields holding the separator, a quote or a line break are quoted, quotes doubled) or TSV (tabs and
/// line breaks inside a field become spaces), with a header row. The columns are --fields, else the leaf paths of
/// the first record (a later record's field that is an object where the first had a value is written as JSON).
/// Streams: nothing is kept but the columns.
/// </summary>
internal sealed class DelimitedOutput(TextWriter output, char separator, IReadOnlyList<string>? fields) : IRecordOutput
{
    private IReadOnlyList<string>? _columns = fields;
    private bool _headerWritten;

    public async ValueTask WriteAsync(string json, CancellationToken cancellationToken)
    {
        var record = RecordFields.Parse(json);
        _columns ??= RecordFields.LeafPaths(record);
        if (!_headerWritten)
        {
            await output.WriteLineAsync(Line(_columns)).ConfigureAwait(false);
            _headerWritten = true;
        }

        await output.WriteLineAsync(Line(_columns.Select(c => RecordFields.Text(RecordFields.Column(record, c))))).ConfigureAwait(false);
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    private string Line(IEnumerable<string> values) => string.Join(separator, values.Select(Escape));

    private string Escape(string value)
    {
        if (separator == '\t')
        {
            return value.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
        }

        if (value.IndexOfAny([separator, '"', '\r', '\n']) < 0)
        {
            return value;
        }

        var quoted = new StringBuilder(value.Length + 2).Append('"');
        quoted.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        return quoted.Append('"').ToString();
    }
}
