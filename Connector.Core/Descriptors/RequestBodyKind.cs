namespace Connector.Core.Descriptors;

/// <summary>What an operation sends as its request body.</summary>
public enum RequestBodyKind
{
    /// <summary>No body.</summary>
    None,

    /// <summary>A JSON object built from the document.</summary>
    Json,

    /// <summary>A JSON array built from a batch of documents.</summary>
    JsonArray,

    /// <summary>A multipart form with the document's bytes as a file part.</summary>
    Multipart,
}
