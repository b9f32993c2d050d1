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
    /// <param name="objectTypeId">The object type id.</param>
    /// <param name="operation">The operation type.</param>
    /// <returns>One definition per role.</returns>
    IReadOnlyList<ObjectDefinition> GetObjectDefinitions(string objectTypeId, OperationType operation);

    /// <summary>Returns the operation fields of an object type's operation.</summary>
    /// <param name="objectTypeId">The object type id.</param>
    /// <param name="operation">The operation type.</param>
    /// <returns>The fields.</returns>
    IReadOnlyList<OperationFieldDefinition> GetOperationFields(string objectTypeId, OperationType operation);

    /// <summary>Returns the fields a query of the object type may filter or sort on.</summary>
    /// <param name="objectTypeId">The object type id.</param>
    /// <returns>The fields, with operators and sortability.</returns>
    IReadOnlyList<FilterableField> GetFilterableFields(string objectTypeId);
}
