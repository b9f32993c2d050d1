using System.Text.Json;

namespace Connector.Operations.Inbound;

/// <summary>
/// An answer body ended before its JSON value did (cut short, not malformed): like a broken connection, an idempotent
/// call is sent again. Malformed JSON is a plain <see cref="JsonException"/> and is not.
/// </summary>
internal sealed class TruncatedJsonException(string message) : JsonException(message);
