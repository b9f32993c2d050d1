using Connector.Core.Querying;
using Newtonsoft.Json;

namespace Connector.Host.Output;

/// <summary>One compact JSON line per record; with --fields each record is reduced to those fields (<see cref="FieldProjection"/>, nesting kept).</summary>
internal sealed class JsonLinesOutput(TextWriter output, IReadOnlyList<string>? fields) : IRecordOutput
{
    private readonly FieldProjection? _projection = fields is null ? null : FieldProjection.From(fields);

    public async ValueTask WriteAsync(string json, CancellationToken cancellationToken)
    {
        var line = _projection is null ? json : _projection.Apply(RecordFields.Parse(json)).ToString(Formatting.None);
        await output.WriteLineAsync(line).ConfigureAwait(false);
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
