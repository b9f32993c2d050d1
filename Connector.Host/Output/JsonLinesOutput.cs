using Connector.Core.Querying;
using Newtonsoft.Json;

namespace Connector.Host.Output;

/// <summary>
/// One compact JSON line per record (indented for people when <paramref name="indented"/>); with --fields each record
/// is reduced to those fields (<see cref="FieldProjection"/>, nesting kept).
/// </summary>
internal sealed class JsonLinesOutput(TextWriter output, IReadOnlyList<string>? fields, bool indented = false) : IRecordOutput
{
    private readonly FieldProjection? _projection = fields is null ? null : FieldProjection.From(fields);

    public async ValueTask WriteAsync(string json, CancellationToken cancellationToken)
    {
        var line = _projection is null && !indented ? json
            : (_projection?.Apply(RecordFields.Parse(json)) ?? RecordFields.Parse(json)).ToString(indented ? Formatting.Indented : Formatting.None);
        await output.WriteLineAsync(line).ConfigureAwait(false);
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
