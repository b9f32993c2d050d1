using Connector.Core.Operations;

namespace Connector.Core.Browsing;

/// <summary>Design time: object types, profiles per role, operation fields and filterable fields.</summary>
public interface IBrowser
{
    /// <summary>Lists object types, optionally only those supporting an operation.</summary>
    /// <param name="supporting">An operation type (a kind, or EXECUTE with an action), or null for all.</param>
    /// <returns>The object types, in descriptor order.</returns>
    IReadOnlyList<ObjectTypeInfo> GetObjectTypes(OperationType? supporting = null);

    /// <summary>Returns the INPUT and OUTPUT profiles of an object type's operation.</summary>
    /// <param name="objectTypeId">The object type id, case-insensitive; an undeclared one throws <see cref="Contexts.UnknownOperationException"/> naming the valid ones.</param>
    /// <param name="operation">An operation the object type declares; another throws <see cref="Contexts.UnknownOperationException"/>.</param>
    /// <returns>Two definitions: INPUT, then OUTPUT.</returns>
    IReadOnlyList<ObjectDefinition> GetObjectDefinitions(string objectTypeId, OperationType operation);

    /// <summary>Returns the operation fields of an object type's operation.</summary>
    /// <param name="objectTypeId">The object type id, case-insensitive; an undeclared one throws <see cref="Contexts.UnknownOperationException"/> naming the valid ones.</param>
    /// <param name="operation">An operation the object type declares; another throws <see cref="Contexts.UnknownOperationException"/>.</param>
    /// <returns>The operation's fields in descriptor order: the object id only where the path needs it, the parent id only for child object types.</returns>
    IReadOnlyList<OperationFieldDefinition> GetOperationFields(string objectTypeId, OperationType operation);

    /// <summary>Returns the fields a query of the object type may filter or sort on.</summary>
    /// <param name="objectTypeId">The object type id, case-insensitive; an undeclared one throws <see cref="Contexts.UnknownOperationException"/> naming the valid ones.</param>
    /// <returns>The fields, with operators and sortability; empty when the object type has no QUERY.</returns>
    IReadOnlyList<FilterableField> GetFilterableFields(string objectTypeId);
}
