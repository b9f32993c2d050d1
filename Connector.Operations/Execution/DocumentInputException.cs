namespace Connector.Operations.Execution;

/// <summary>
/// A document cannot be sent as it is (malformed JSON, a missing or unsafe id, a body the schema forbids):
/// an APPLICATION_ERROR for that document only, nothing sent.
/// </summary>
internal sealed class DocumentInputException(string code, string message) : Exception(message)
{
    /// <summary>Malformed or oversized input.</summary>
    public const string InvalidDocument = "INVALID_DOCUMENT";

    /// <summary>No id where the path needs one.</summary>
    public const string MissingId = "MISSING_ID";

    /// <summary>An id that could change the request path.</summary>
    public const string InvalidId = "INVALID_ID";

    /// <summary>A body the input schema forbids.</summary>
    public const string InvalidBody = "INVALID_BODY";

    public string Code { get; } = code;
}
