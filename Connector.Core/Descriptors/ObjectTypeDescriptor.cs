using Connector.Core.Operations;

namespace Connector.Core.Descriptors;

/// <summary>An object type and the operations it supports.</summary>
/// <param name="Id">The object type id (lower snake_case).</param>
/// <param name="Label">The label a designer shows.</param>
/// <param name="Description">What the object is.</param>
/// <param name="Parent">The object type whose id the paths need, or null.</param>
/// <param name="IdProperty">The document property holding the object id.</param>
/// <param name="ParentIdProperty">The dotted document property holding the parent id, or null.</param>
/// <param name="Operations">The operations, in descriptor order.</param>
public sealed record ObjectTypeDescriptor(
    string Id,
    string Label,
    string? Description,
    string? Parent,
    string IdProperty,
    string? ParentIdProperty,
    IReadOnlyList<OperationDescriptor> Operations)
{
    /// <summary>
    /// The dotted fields a person identifies a record by (id, name or status, product, created...), in display
    /// order: what a command line shows as table columns by default. Empty when the descriptor declares none.
    /// </summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>Finds the operation of the given type, or null.</summary>
    /// <param name="type">Compared by value: the kind and, for EXECUTE, the action id (stored upper case, so <c>Execute("approve")</c> finds APPROVE).</param>
    /// <returns>The operation, or null when the object type does not support it.</returns>
    public OperationDescriptor? FindOperation(OperationType type) => Operations.FirstOrDefault(o => o.Type == type);
}
