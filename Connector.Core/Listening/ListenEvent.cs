namespace Connector.Core.Listening;

/// <summary>One change a listener delivers: the record as JSON, and for polled changes where it sits and what to save.</summary>
/// <param name="ObjectId">The record's id.</param>
/// <param name="Json">The record, UTF-8 JSON on one line.</param>
/// <param name="Cursor">The change's cursor (polling), or null (webhook deliveries have none).</param>
/// <param name="Checkpoint">
/// The checkpoint to save once this event is durably handed on (polling), or null. Saving it before the event is
/// handed on could lose the event on a crash; saving it after means a crash in between re-delivers the event once
/// (deduplicate by <see cref="ObjectId"/> and <see cref="Cursor"/>).
/// </param>
public sealed record ListenEvent(string ObjectId, ReadOnlyMemory<byte> Json, ListenCursor? Cursor, ListenCheckpoint? Checkpoint);
