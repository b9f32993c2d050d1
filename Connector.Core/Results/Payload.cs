using System.Buffers;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Core.Results;

/// <summary>An output document: bytes with a content type, streamed to whoever consumes results.</summary>
public abstract class Payload : IAsyncDisposable
{
    /// <summary><c>application/json</c>, without a charset: JSON payloads are UTF-8. <see cref="IsJson"/> also accepts it with parameters.</summary>
    public const string JsonContentType = "application/json";

    /// <summary><c>application/octet-stream</c>: for content whose type is unknown (a download without a Content-Type).</summary>
    public const string BinaryContentType = "application/octet-stream";

    /// <summary>The content type (application/json, or the file's type for binaries).</summary>
    public abstract string ContentType { get; }

    /// <summary>Whether <see cref="ContentType"/> starts with <c>application/json</c> (any letter case, parameters allowed).</summary>
    public bool IsJson => ContentType.StartsWith(JsonContentType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Creates a JSON payload from UTF-8 bytes (not copied).</summary>
    /// <param name="utf8Json">One UTF-8 JSON value, not checked or copied: leave it unchanged until the payload has been consumed.</param>
    /// <returns>A JSON payload readable any number of times; disposing it releases nothing.</returns>
    public static Payload FromJsonBytes(ReadOnlyMemory<byte> utf8Json) => new MemoryPayload(utf8Json, JsonContentType);

    /// <summary>
    /// Creates a JSON payload from a copy of <paramref name="utf8Json"/> in an array rented from the shared array pool,
    /// returned to the pool when the payload is disposed: a reader that emits a record per payload allocates no array
    /// per record (the arrays go round between the reader and whoever disposes the payloads).
    /// </summary>
    /// <param name="utf8Json">One UTF-8 JSON value, not checked; copied, so it may change once this returns.</param>
    /// <returns>
    /// A JSON payload readable any number of times until it is disposed; reading it after that throws
    /// <see cref="ObjectDisposedException"/>. Dispose it once its last copy has completed; one never disposed leaves its
    /// array to the garbage collector.
    /// </returns>
    public static Payload PooledCopyOfJson(ReadOnlySpan<byte> utf8Json) => new PooledPayload(utf8Json);

    /// <summary>Creates a JSON payload by serializing a token.</summary>
    /// <param name="json">The token; serialized once, without indentation, to UTF-8 (later changes to it are not seen). Must not be null.</param>
    /// <returns>A JSON payload readable any number of times; disposing it releases nothing.</returns>
    public static Payload FromJson(JToken json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromJsonBytes(Encoding.UTF8.GetBytes(json.ToString(Formatting.None)));
    }

    /// <summary>Creates a payload that streams from a source it owns (a download, say); it can be read once.</summary>
    /// <param name="content">The content; disposed with the payload.</param>
    /// <param name="contentType">The content type consumers see, e.g. the file's type or <see cref="BinaryContentType"/>.</param>
    /// <returns>A payload that can be copied once; a second copy throws <see cref="InvalidOperationException"/>. Disposing it disposes <paramref name="content"/>.</returns>
    public static Payload FromStream(Stream content, string contentType) => new StreamPayload(content, contentType);

    /// <summary>Creates a payload over bytes.</summary>
    /// <param name="bytes">The content, not copied: leave it unchanged until the payload has been consumed. It can be read any number of times.</param>
    /// <param name="contentType">The media type consumers see; <see cref="JsonContentType"/> (with or without parameters) makes <see cref="IsJson"/> true.</param>
    /// <returns>A payload readable any number of times; disposing it releases nothing.</returns>
    public static Payload FromBytes(ReadOnlyMemory<byte> bytes, string contentType) => new MemoryPayload(bytes, contentType);

    /// <summary>Writes the payload to a stream.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>A task that completes when written.</returns>
    public abstract ValueTask CopyToAsync(Stream destination, CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private sealed class MemoryPayload(ReadOnlyMemory<byte> bytes, string contentType) : Payload
    {
        public override string ContentType { get; } = contentType;

        public override ValueTask CopyToAsync(Stream destination, CancellationToken cancellationToken = default) =>
            destination.WriteAsync(bytes, cancellationToken);
    }

    /// <summary>JSON bytes in an array rented from <see cref="ArrayPool{T}.Shared"/>, returned (once) when disposed.</summary>
    private sealed class PooledPayload : Payload
    {
        private readonly int _length;
        private byte[]? _array;

        public PooledPayload(ReadOnlySpan<byte> utf8Json)
        {
            _array = ArrayPool<byte>.Shared.Rent(utf8Json.Length);
            utf8Json.CopyTo(_array);
            _length = utf8Json.Length;
        }

        public override string ContentType => JsonContentType;

        public override ValueTask CopyToAsync(Stream destination, CancellationToken cancellationToken = default)
        {
            var array = Volatile.Read(ref _array) ?? throw new ObjectDisposedException(nameof(Payload), "This payload was disposed: its bytes went back to the array pool.");
            return destination.WriteAsync(array.AsMemory(0, _length), cancellationToken);
        }

        public override ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _array, null) is { } array)
            {
                ArrayPool<byte>.Shared.Return(array);
            }

            return base.DisposeAsync();
        }
    }

    private sealed class StreamPayload(Stream content, string contentType) : Payload
    {
        private int _read;

        public override string ContentType { get; } = contentType;

        public override async ValueTask CopyToAsync(Stream destination, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _read, 1) == 1)
            {
                throw new InvalidOperationException("This payload streams from its source and can be read only once.");
            }

            await content.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        }

        public override async ValueTask DisposeAsync()
        {
            await content.DisposeAsync().ConfigureAwait(false);
            await base.DisposeAsync().ConfigureAwait(false);
        }
    }
}
