using System.Runtime.InteropServices;

namespace Connector.Operations.Http;

/// <summary>
/// The body of a <see cref="ConnectRequest"/>: JSON bytes or a multipart form with one file part (a stream opened
/// per attempt) and plain fields. Every form can be sent again on a retry.
/// </summary>
internal abstract class ConnectRequestBody
{
    private ConnectRequestBody()
    {
    }

    /// <summary>A JSON body from bytes (Content-Type <c>application/json</c>).</summary>
    public static ConnectRequestBody Json(ReadOnlyMemory<byte> utf8Json) => new JsonBytes(utf8Json);

    /// <summary>A <c>multipart/form-data</c> body: one file part plus plain text fields.</summary>
    public static ConnectRequestBody Multipart(ConnectFilePart file, IReadOnlyList<KeyValuePair<string, string>>? fields = null) =>
        new MultipartForm(file ?? throw new ArgumentNullException(nameof(file)), fields ?? []);

    /// <summary>A JSON body held in memory: the same bytes are sent on every attempt.</summary>
    internal sealed class JsonBytes(ReadOnlyMemory<byte> content) : ConnectRequestBody
    {
        /// <summary>The UTF-8 JSON.</summary>
        public ReadOnlyMemory<byte> Content { get; } = content;

        /// <summary>
        /// The JSON as an array of exactly its length, as an HTTP library's byte-array body needs: the caller's own
        /// array when <see cref="Content"/> spans all of it (no copy), otherwise a copy of the slice.
        /// </summary>
        public byte[] ToArray() =>
            MemoryMarshal.TryGetArray(Content, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
                ? segment.Array
                : Content.ToArray();
    }

    /// <summary>A <c>multipart/form-data</c> body, rebuilt per attempt: the file part first, then the plain fields.</summary>
    internal sealed class MultipartForm(ConnectFilePart file, IReadOnlyList<KeyValuePair<string, string>> fields) : ConnectRequestBody
    {
        /// <summary>The one file of the form, whose content is opened anew for each attempt.</summary>
        public ConnectFilePart File { get; } = file;

        /// <summary>The plain text fields, sent after the file.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Fields { get; } = fields;
    }
}
