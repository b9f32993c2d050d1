using Connector.Core.Operations;

namespace Connector.Core.Descriptors;

/// <summary>One operation of an object type and the endpoint behind it.</summary>
/// <param name="Type">The operation type (kind plus custom action id for EXECUTE).</param>
/// <param name="Label">The label a designer shows.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path template, relative to the API base URL.</param>
/// <param name="PathParameters">Template parameter name to the operation field id that supplies it.</param>
/// <param name="Fields">The operation field ids this operation reads.</param>
/// <param name="Operators">The query operator ids offered (QUERY only).</param>
/// <param name="Request">The request side.</param>
/// <param name="Response">The response side.</param>
public sealed record OperationDescriptor(
    OperationType Type,
    string Label,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> PathParameters,
    IReadOnlyList<string> Fields,
    IReadOnlyList<string> Operators,
    RequestDescriptor Request,
    ResponseDescriptor Response)
{
    /// <summary>Whether the operation acts on one object (its path needs the object id).</summary>
    public bool TargetsObject => PathParameters.Values.Contains(OperationFieldIds.ObjectId, StringComparer.Ordinal);

    /// <summary>Whether the operation's path needs the parent object's id.</summary>
    public bool NeedsParent => PathParameters.Values.Contains(OperationFieldIds.ParentId, StringComparer.Ordinal);

    /// <summary>How a LISTEN operation finds changes (LISTEN only; null for other kinds).</summary>
    public ListenDescriptor? Listen { get; init; }

    /// <summary>The endpoint key, <c>METHOD /path</c>.</summary>
    public string Endpoint => Method + " " + Path;
}
