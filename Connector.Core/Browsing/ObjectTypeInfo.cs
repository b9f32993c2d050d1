using Connector.Core.Operations;

namespace Connector.Core.Browsing;

/// <summary>An object type as a designer lists it.</summary>
/// <param name="Id">The object type id.</param>
/// <param name="Label">The name a designer shows instead of the id.</param>
/// <param name="Parent">The parent object type id, for child types.</param>
/// <param name="Operations">The operations it supports.</param>
public sealed record ObjectTypeInfo(string Id, string Label, string? Parent, IReadOnlyList<OperationType> Operations);
