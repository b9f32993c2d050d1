using Newtonsoft.Json;

namespace Connector.Host.Output;

/// <summary>One compact JSON line per record; with --fields each record is reduced to those fields (nesting kept).</summary>
internal sealed class JsonLinesOutput(TextWriter output, IReadOnlyList<string>? fields) : IRecordOutput
{
    public async ValueTask WriteAsync(string json, CancellationToken cancellationToken)
    {
        var line = fields is null ? json : RecordFields.Project(RecordFields.Parse(json), fields).ToString(Formatting.None);
        await output.WriteLineAsync(line).ConfigureAwait(false);
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
