using System.Text;
using System.Text.Json;
using Connector.Core.Listening;

namespace Connector.Host.Listening;

/// <summary>
/// Writes each event as one compact JSON line on stdout, flushes it, and only then saves the event's checkpoint
/// (when a state file is given). If the process dies between the flush and the save, the next run emits that event
/// again: consumers deduplicate by the record's id and its change cursor (<c>updated</c> / <c>events.updated.at</c>).
/// </summary>
internal sealed class ListenLineWriter(TextWriter output, ListenCheckpointFile? state) : IListenEventSink
{
    /// <summary>How many events were written.</summary>
    public long Emitted { get; private set; }

    /// <summary>The last checkpoint saved, or null.</summary>
    public ListenCheckpoint? LastCheckpoint { get; private set; }

    public async ValueTask OnEventAsync(ListenEvent listenEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listenEvent);

        // The line and its checkpoint are written even when a stop was asked meanwhile: a stop never splits them.
        await output.WriteLineAsync(Compact(listenEvent.Json)).ConfigureAwait(false);
        await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        Emitted++;
        if (state is not null && listenEvent.Checkpoint is not null)
        {
            await state.SaveAsync(listenEvent.Checkpoint, CancellationToken.None).ConfigureAwait(false);
            LastCheckpoint = listenEvent.Checkpoint;
        }
    }

    /// <summary>The record on one line (an endpoint may indent its JSON).</summary>
    private static string Compact(ReadOnlyMemory<byte> json)
    {
        if (json.Span.IndexOfAny((byte)'\n', (byte)'\r') < 0)
        {
            return Encoding.UTF8.GetString(json.Span);
        }

        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
