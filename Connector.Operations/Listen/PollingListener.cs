using System.Security.Cryptography;
using System.Text.Json;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Listening;
using Connector.Operations.Http;
using Connector.Operations.Inbound;
using Connector.Operations.Querying;

namespace Connector.Operations.Listen;

/// <summary>
/// Polls a collection for changes: each poll reads, in cursor order and with keyset paging, every matching record
/// whose cursor is at or after the checkpoint's cursor minus <see cref="Window"/>, skips the changes the checkpoint
/// says were delivered (same id, timestamp and content), and hands the others to the sink, each with the checkpoint to save after it. Re-reading the
/// window catches a change the endpoint wrote with an earlier timestamp than one already delivered (timestamps have
/// whole seconds; a write can become visible after a later one).
/// </summary>
internal sealed class PollingListener(OperationContext context, ConnectHttpClient client, ListenDescriptor listen)
{
    /// <summary>How far before the checkpoint's cursor each poll re-reads.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary>Delivers every pending change once, then returns the checkpoint after the last one.</summary>
    /// <param name="filter">The user's filter (validated).</param>
    /// <param name="checkpoint">Where to resume.</param>
    /// <param name="since">On a first run, where to start (null: every matching record).</param>
    /// <param name="sink">Where changes go.</param>
    /// <param name="cancellationToken">Stops the poll between records.</param>
    /// <returns>The checkpoint after the poll.</returns>
    public async Task<ListenCheckpoint> PollAsync(
        Core.Querying.QueryFilter filter,
        ListenCheckpoint checkpoint,
        DateTimeOffset? since,
        IListenEventSink sink,
        CancellationToken cancellationToken)
    {
        var pageSize = context.OperationProperties.GetInt32(OperationFieldIds.PageSize, 100);
        var from = checkpoint.Cursor is null ? since : checkpoint.Cursor.Time - Window;
        ListenCursor? after = null;
        while (true)
        {
            var query = RqlQueryBuilder.AppendPage(RqlQueryBuilder.Build(ChangeCursorQuery.Page(filter, listen.CursorProperty, from, after)), pageSize, 0);
            var read = 0;
            await using (var answer = await client.SendAsync(new ConnectRequest(HttpMethod.Get, context.Operation.Path, query), cancellationToken).ConfigureAwait(false))
            {
                await foreach (var record in JsonArraySplitter.SplitAsync(answer.Body, cancellationToken).ConfigureAwait(false))
                {
                    read++;
                    var change = CursorOf(record);
                    after = change;
                    if (checkpoint.HasDelivered(change))
                    {
                        continue;
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    checkpoint = checkpoint.After(change, Window);
                    await sink.OnEventAsync(new ListenEvent(change.Id, record.ToArray(), change, checkpoint), cancellationToken).ConfigureAwait(false);
                }
            }

            if (read < pageSize)
            {
                return checkpoint;
            }
        }
    }

    /// <summary>Tells two versions of a record with the same timestamp apart (16 hex digits of SHA-256).</summary>
    private static string Fingerprint(ReadOnlyMemory<byte> record) => Convert.ToHexString(SHA256.HashData(record.Span), 0, 8);

    private ListenCursor CursorOf(ReadOnlyMemory<byte> record)
    {
        using var document = JsonDocument.Parse(record);
        var root = document.RootElement;
        var id = root.ValueKind == JsonValueKind.Object && root.TryGetProperty(context.ObjectType.IdProperty, out var idValue) && idValue.ValueKind == JsonValueKind.String
            ? idValue.GetString()!
            : throw new Http.Errors.ConnectResponseFormatException($"a {context.ObjectTypeId} record has no '{context.ObjectType.IdProperty}'");
        var node = root;
        foreach (var part in listen.CursorProperty.Split('.'))
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(part, out node))
            {
                return new ListenCursor(string.Empty, id, Fingerprint(record));
            }
        }

        return new ListenCursor(node.ValueKind == JsonValueKind.String ? node.GetString()! : string.Empty, id, Fingerprint(record));
    }
}
