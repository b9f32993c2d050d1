using System.Text;

namespace Connector.Core.Documents;

/// <summary>
/// An input document: a tracking id, its data as a stream, dynamic operation properties (per-document
/// overrides such as an object id or a parent id) and user properties carried through untouched.
/// </summary>
public sealed class TrackedDocument : IAsyncDisposable
{
    private static readonly IReadOnlyDictionary<string, string?> NoProperties = new Dictionary<string, string?>();

    /// <summary>Creates a document.</summary>
    /// <param name="trackingId">The id results are reported under; unique within a request.</param>
    /// <param name="data">The document's data; the document owns and disposes it.</param>
    /// <param name="dynamicProperties">Per-document overrides of overrideable operation fields (objectId, parentId...).</param>
    /// <param name="userProperties">Properties carried along for the caller.</param>
    public TrackedDocument(
        string trackingId,
        Stream data,
        IReadOnlyDictionary<string, string?>? dynamicProperties = null,
        IReadOnlyDictionary<string, string?>? userProperties = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(trackingId);
        ArgumentNullException.ThrowIfNull(data);
        TrackingId = trackingId;
        Data = data;
        DynamicProperties = dynamicProperties ?? NoProperties;
        UserProperties = userProperties ?? NoProperties;
    }

    /// <summary>The id results are reported under.</summary>
    public string TrackingId { get; }

    /// <summary>
    /// The document's data. Read it once. A <see cref="MemoryStream"/> whose buffer is publicly visible and holds exactly
    /// the document (as <see cref="FromText"/> makes) may be used in place rather than copied: leave its bytes unchanged
    /// until the run that reads the document is over.
    /// </summary>
    public Stream Data { get; }

    /// <summary>Per-document overrides of overrideable operation fields, by field id.</summary>
    public IReadOnlyDictionary<string, string?> DynamicProperties { get; }

    /// <summary>Properties carried along for the caller.</summary>
    public IReadOnlyDictionary<string, string?> UserProperties { get; }

    /// <summary>Creates a document holding UTF-8 text (usually JSON).</summary>
    /// <param name="trackingId">The id results are reported under; not null or empty, unique within a request.</param>
    /// <param name="text">The content, encoded as UTF-8 without a byte order mark; an empty string makes an empty document.</param>
    /// <param name="dynamicProperties">Per-document overrides.</param>
    /// <returns>A new document owning its data stream; dispose it (a run disposes its inputs).</returns>
    public static TrackedDocument FromText(string trackingId, string text, IReadOnlyDictionary<string, string?>? dynamicProperties = null) =>
        InMemory(trackingId, Encoding.UTF8.GetBytes(text), dynamicProperties);

    /// <summary>Creates a document holding bytes (a file to upload, say).</summary>
    /// <param name="trackingId">The id results are reported under; not null or empty, unique within a request.</param>
    /// <param name="bytes">The content; wrapped, not copied, in a read-only stream, so leave the array unchanged until the document is read.</param>
    /// <param name="dynamicProperties">Per-document overrides.</param>
    /// <returns>A new document owning its data stream; dispose it (a run disposes its inputs).</returns>
    public static TrackedDocument FromBytes(string trackingId, byte[] bytes, IReadOnlyDictionary<string, string?>? dynamicProperties = null) =>
        new(trackingId, new MemoryStream(bytes, writable: false), dynamicProperties);

    /// <summary>
    /// A document over bytes no one else holds (text this type encoded), in a read-only stream whose buffer is visible, so
    /// a reader takes the bytes in place rather than copying them.
    /// </summary>
    private static TrackedDocument InMemory(string trackingId, byte[] bytes, IReadOnlyDictionary<string, string?>? dynamicProperties) =>
        new(trackingId, new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true), dynamicProperties);

    /// <summary>Creates an empty document carrying only dynamic properties (an id to GET, say).</summary>
    /// <param name="trackingId">The id results are reported under; not null or empty, unique within a request.</param>
    /// <param name="dynamicProperties">Per-document overrides.</param>
    /// <returns>A new document whose data is <see cref="Stream.Null"/>; disposing it is harmless.</returns>
    public static TrackedDocument Empty(string trackingId, IReadOnlyDictionary<string, string?>? dynamicProperties = null) =>
        new(trackingId, Stream.Null, dynamicProperties);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Data.DisposeAsync();
}
