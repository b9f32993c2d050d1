namespace Connector.Operations.Http;

/// <summary>
/// The body of a <see cref="ConnectRequest"/>: JSON (bytes or a stream opened per attempt) or a multipart form with
/// one file part and plain fields. Every form can be sent again on a retry.
/// </summary>
internal abstract class ConnectRequestBody
{
    private ConnectRequestBody()
    {
    }

    /// <summary>A JSON body from bytes (Content-Type <c>application/json</c>).</summary>
    public static ConnectRequestBody Json(ReadOnlyMemory<byte> utf8Json) => new JsonBytes(utf8Json);

    /// <summary>
    /// A JSON body streamed from <paramref name="openStream"/>, which is called once per attempt; the stream it
    /// returns is disposed after the attempt.
    /// </summary>
    public static ConnectRequestBody Json(Func<Stream> openStream) =>
        new JsonStream(openStream ?? throw new ArgumentNullException(nameof(openStream)));

    /// <summary>A <c>multipart/form-data</c> body: one file part plus plain text fields.</summary>
    public static ConnectRequestBody Multipart(ConnectFilePart file, IReadOnlyList<KeyValuePair<string, string>>? fields = null) =>
        new MultipartForm(file ?? throw new ArgumentNullException(nameof(file)), fields ?? []);

    /// <summary>A JSON body held in memory: the same bytes are sent on every attempt.</summary>
    internal sealed class JsonBytes(ReadOnlyMemory<byte> content) : ConnectRequestBody
    {
        /// <summary>The UTF-8 JSON.</summary>
        public ReadOnlyMemory<byte> Content { get; } = content;
    }

    /// <summary>A JSON body streamed without buffering: a new stream is opened for each attempt and disposed after it.</summary>
    internal sealed class JsonStream(Func<Stream> openStream) : ConnectRequestBody
    {
        /// <summary>Opens the JSON stream for one attempt.</summary>
        public Func<Stream> OpenStream { get; } = openStream;
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
