namespace Connector.Core.Descriptors;

/// <summary>What an operation's endpoint answers with.</summary>
public enum ResponseBodyKind
{
    /// <summary>JSON (an object, or an array for lists and per-record statuses).</summary>
    Json,

    /// <summary>A binary file.</summary>
    Binary,

    /// <summary>Nothing (204).</summary>
    Empty,
}
