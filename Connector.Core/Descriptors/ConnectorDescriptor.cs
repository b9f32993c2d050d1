using Connector.Core.Operations;

namespace Connector.Core.Descriptors;

/// <summary>
/// A loaded and validated connector descriptor: connection fields, operation fields, operation types,
/// custom actions, query operators and object types with the endpoint behind each operation.
/// Load one with <see cref="DescriptorLoader"/>.
/// </summary>
public sealed class ConnectorDescriptor
{
    private readonly Dictionary<string, ObjectTypeDescriptor> _objectTypes;
    private readonly Dictionary<string, FieldDescriptor> _connectionFields;
    private readonly Dictionary<string, FieldDescriptor> _operationFields;
    private readonly Dictionary<string, QueryOperatorDescriptor> _queryOperators;
    private readonly Dictionary<string, CustomActionDescriptor> _customActions;

    internal ConnectorDescriptor(
        string id,
        string label,
        string? version,
        string? description,
        ImplementationDescriptor implementation,
        string? openApiPath,
        IReadOnlyList<FieldDescriptor> connectionFields,
        IReadOnlyList<FieldDescriptor> operationFields,
        IReadOnlyList<OperationKind> operationKinds,
        IReadOnlyList<CustomActionDescriptor> customActions,
        IReadOnlyList<QueryOperatorDescriptor> queryOperators,
        QueryGroupingDescriptor queryGrouping,
        IReadOnlyList<SortOrder> sortOrders,
        int maxSortFields,
        IReadOnlyList<ObjectTypeDescriptor> objectTypes)
    {
        Id = id;
        Label = label;
        Version = version;
        Description = description;
        Implementation = implementation;
        OpenApiPath = openApiPath;
        ConnectionFields = connectionFields;
        OperationFields = operationFields;
        OperationKinds = operationKinds;
        CustomActions = customActions;
        QueryOperators = queryOperators;
        QueryGrouping = queryGrouping;
        SortOrders = sortOrders;
        MaxSortFields = maxSortFields;
        ObjectTypes = objectTypes;
        _objectTypes = ToLookup(objectTypes, o => o.Id);
        _connectionFields = ToLookup(connectionFields, f => f.Id);
        _operationFields = ToLookup(operationFields, f => f.Id);
        _queryOperators = ToLookup(queryOperators, o => o.Id);
        _customActions = ToLookup(customActions, a => a.Id);
    }

    /// <summary>The machine name of the connector as the descriptor spells it (<c>cloudblue-connect</c>); messages name the connector by it.</summary>
    public string Id { get; }

    /// <summary>The name people see (<c>CloudBlue Connect</c>), e.g. in the designer's header.</summary>
    public string Label { get; }

    /// <summary>The descriptor's own <c>version</c> text, not checked or compared by the loader; null when the descriptor has none.</summary>
    public string? Version { get; }

    /// <summary>What the connector connects to.</summary>
    public string? Description { get; }

    /// <summary>The implementation a host loads.</summary>
    public ImplementationDescriptor Implementation { get; }

    /// <summary>The absolute path of the derived OpenAPI data, when the descriptor names one.</summary>
    public string? OpenApiPath { get; }

    /// <summary>Connection fields (url, credentials, timeouts...).</summary>
    public IReadOnlyList<FieldDescriptor> ConnectionFields { get; }

    /// <summary>Every operation field of the connector, in descriptor order; each operation names the ones it reads in <see cref="OperationDescriptor.Fields"/>.</summary>
    public IReadOnlyList<FieldDescriptor> OperationFields { get; }

    /// <summary>The operation kinds the connector supports.</summary>
    public IReadOnlyList<OperationKind> OperationKinds { get; }

    /// <summary>The custom actions (EXECUTE custom type ids).</summary>
    public IReadOnlyList<CustomActionDescriptor> CustomActions { get; }

    /// <summary>The comparison operators a QUERY filter may use, in descriptor order; an operation's own operator list narrows them, and <see cref="Querying.QueryFilterValidator"/> refuses any other.</summary>
    public IReadOnlyList<QueryOperatorDescriptor> QueryOperators { get; }

    /// <summary>The logical groupings a filter may use.</summary>
    public QueryGroupingDescriptor QueryGrouping { get; }

    /// <summary>The sort directions (ids <c>ASC</c>, <c>DESC</c>) a QUERY may use; <see cref="Querying.QueryFilterValidator"/> refuses a sort in any other.</summary>
    public IReadOnlyList<SortOrder> SortOrders { get; }

    /// <summary>The most sort fields one query may use.</summary>
    public int MaxSortFields { get; }

    /// <summary>The object types, in descriptor order.</summary>
    public IReadOnlyList<ObjectTypeDescriptor> ObjectTypes { get; }

    /// <summary>Finds an object type by id, case-insensitively.</summary>
    /// <param name="id">Matched ignoring letter case; surrounding spaces are not trimmed.</param>
    /// <returns>The object type, or null when none has that id.</returns>
    public ObjectTypeDescriptor? FindObjectType(string id) => _objectTypes.GetValueOrDefault(id);

    /// <summary>Finds a connection field by id, case-insensitively.</summary>
    /// <param name="id">Matched ignoring letter case (<c>apiKey</c> and <c>APIKEY</c> are the same field).</param>
    /// <returns>The field, or null when the connector declares no such connection field.</returns>
    public FieldDescriptor? FindConnectionField(string id) => _connectionFields.GetValueOrDefault(id);

    /// <summary>Finds the connection field a host fills for a role (the API address, the credential...).</summary>
    /// <param name="role">The role; <see cref="ConnectionRole.None"/> finds nothing.</param>
    /// <returns>The first field with that role, or null when the connector has none.</returns>
    public FieldDescriptor? FindConnectionField(ConnectionRole role) =>
        role == ConnectionRole.None ? null : ConnectionFields.FirstOrDefault(f => f.Role == role);

    /// <summary>Finds an operation field by id, case-insensitively.</summary>
    /// <param name="id">Matched ignoring letter case.</param>
    /// <returns>The field, or null when the connector declares no such operation field.</returns>
    public FieldDescriptor? FindOperationField(string id) => _operationFields.GetValueOrDefault(id);

    /// <summary>Finds a query operator by id, case-insensitively.</summary>
    /// <param name="id">The operator id as filters write it (<c>eq</c>, <c>like</c>...), any letter case.</param>
    /// <returns>The operator, or null when filters may not use it.</returns>
    public QueryOperatorDescriptor? FindQueryOperator(string id) => _queryOperators.GetValueOrDefault(id);

    /// <summary>Finds a custom action by id, case-insensitively.</summary>
    /// <param name="id">The EXECUTE custom type id (<c>APPROVE</c>), any letter case.</param>
    /// <returns>The action, or null when the connector declares no such action.</returns>
    public CustomActionDescriptor? FindCustomAction(string id) => _customActions.GetValueOrDefault(id);

    private static Dictionary<string, T> ToLookup<T>(IEnumerable<T> items, Func<T, string> key)
    {
        var lookup = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            lookup.TryAdd(key(item), item);
        }

        return lookup;
    }
}
