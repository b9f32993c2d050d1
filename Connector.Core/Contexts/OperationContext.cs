using Connector.Core.Descriptors;
using Connector.Core.Operations;

namespace Connector.Core.Contexts;

/// <summary>
/// Everything an operation is built from: the descriptor, the object type, the operation type (with its custom
/// type id), the connection properties and the operation properties. Create one with <see cref="Create"/>, which
/// resolves ids case-insensitively and names the valid choices when one is unknown.
/// </summary>
public sealed class OperationContext
{
    private OperationContext(
        ConnectorDescriptor descriptor,
        ObjectTypeDescriptor objectType,
        OperationDescriptor operation,
        PropertyValues connectionProperties,
        PropertyValues operationProperties)
    {
        Descriptor = descriptor;
        ObjectType = objectType;
        Operation = operation;
        ConnectionProperties = connectionProperties;
        OperationProperties = operationProperties;
    }

    /// <summary>The descriptor the ids were resolved in; its fields give the properties' defaults and ranges.</summary>
    public ConnectorDescriptor Descriptor { get; }

    /// <summary>The declared object type the context was resolved to (whatever letter case the caller used).</summary>
    public ObjectTypeDescriptor ObjectType { get; }

    /// <summary>The id of <see cref="ObjectType"/> as the descriptor spells it, not as the caller typed it.</summary>
    public string ObjectTypeId => ObjectType.Id;

    /// <summary>The operation (and its endpoint).</summary>
    public OperationDescriptor Operation { get; }

    /// <summary>The type of <see cref="Operation"/>: its kind plus, for EXECUTE, the upper-case action id.</summary>
    public OperationType OperationType => Operation.Type;

    /// <summary>The kind of <see cref="Operation"/> without the action id (every custom action is EXECUTE).</summary>
    public OperationKind OperationKind => Operation.Type.Kind;

    /// <summary>The custom type id of an EXECUTE operation, else null.</summary>
    public string? CustomTypeId => Operation.Type.CustomTypeId;

    /// <summary>Connection properties (url, api key, timeouts...).</summary>
    public PropertyValues ConnectionProperties { get; }

    /// <summary>Operation properties (page size, batch size...); documents may override overrideable ones.</summary>
    public PropertyValues OperationProperties { get; }

    /// <summary>
    /// Creates a context from ids and property values.
    /// </summary>
    /// <param name="descriptor">The loaded descriptor the ids are resolved in and whose fields give the properties' defaults and ranges; must not be null.</param>
    /// <param name="objectTypeId">The object type id (case-insensitive).</param>
    /// <param name="operation">GET, QUERY, CREATE, UPDATE, DELETE, EXECUTE:ACTION or a bare action id (case-insensitive).</param>
    /// <param name="connectionProperties">Connection property values by field id.</param>
    /// <param name="operationProperties">Operation property values by field id.</param>
    /// <returns>A new context; missing property dictionaries count as empty.</returns>
    /// <exception cref="UnknownOperationException">The object type or operation is not declared; the message lists the valid ones.</exception>
    public static OperationContext Create(
        ConnectorDescriptor descriptor,
        string objectTypeId,
        string operation,
        IReadOnlyDictionary<string, string?>? connectionProperties = null,
        IReadOnlyDictionary<string, string?>? operationProperties = null)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var objectType = ResolveObjectType(descriptor, objectTypeId);
        var operationDescriptor = ResolveOperation(objectType, operation);
        return new OperationContext(
            descriptor,
            objectType,
            operationDescriptor,
            new PropertyValues(connectionProperties ?? new Dictionary<string, string?>(), descriptor.FindConnectionField, "connection"),
            new PropertyValues(operationProperties ?? new Dictionary<string, string?>(), descriptor.FindOperationField, "operation"));
    }

    /// <summary>Finds an object type or throws naming the valid ones.</summary>
    /// <param name="descriptor">The loaded descriptor to search; must not be null.</param>
    /// <param name="objectTypeId">The object type id (case-insensitive).</param>
    /// <returns>The declared object type, with its own spelling of the id.</returns>
    /// <exception cref="UnknownOperationException">No such object type.</exception>
    public static ObjectTypeDescriptor ResolveObjectType(ConnectorDescriptor descriptor, string objectTypeId)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var found = string.IsNullOrWhiteSpace(objectTypeId) ? null : descriptor.FindObjectType(objectTypeId.Trim());
        if (found is null)
        {
            var valid = descriptor.ObjectTypes.Select(o => o.Id).ToList();
            throw new UnknownOperationException($"Unknown object type '{objectTypeId}'. Valid object types: {string.Join(", ", valid)}.", valid);
        }

        return found;
    }

    /// <summary>Finds an object type's operation or throws naming the valid ones.</summary>
    /// <param name="objectType">An object type of the descriptor (e.g. from <see cref="ResolveObjectType"/>); must not be null.</param>
    /// <param name="operation">GET, QUERY, ..., EXECUTE:ACTION or a bare action id (case-insensitive).</param>
    /// <returns>The object type's declared operation of that type.</returns>
    /// <exception cref="UnknownOperationException">The object type has no such operation.</exception>
    public static OperationDescriptor ResolveOperation(ObjectTypeDescriptor objectType, string operation)
    {
        ArgumentNullException.ThrowIfNull(objectType);
        var found = OperationType.TryParse(operation, out var type) ? objectType.FindOperation(type) : null;
        if (found is null)
        {
            var valid = objectType.Operations.Select(o => o.Type.ToDisplayName()).ToList();
            throw new UnknownOperationException(
                $"Object type '{objectType.Id}' has no operation or action '{operation}'. Valid: {string.Join(", ", valid)}.",
                valid);
        }

        return found;
    }
}
