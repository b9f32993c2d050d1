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

    /// <summary>The connector id.</summary>
    public string Id { get; }

    /// <summary>The connector label.</summary>
    public string Label { get; }

    /// <summary>The descriptor version, if given.</summary>
    public string? Version { get; }

    /// <summary>What the connector connects to.</summary>
    public string? Description { get; }

    /// <summary>The implementation a host loads.</summary>
    public ImplementationDescriptor Implementation { get; }

    /// <summary>The absolute path of the derived OpenAPI data, when the descriptor names one.</summary>
    public string? OpenApiPath { get; }

    /// <summary>Connection fields (url, credentials, timeouts...).</summary>
    public IReadOnlyList<FieldDescriptor> ConnectionFields { get; }

    /// <summary>Operation fields operations may read.</summary>
    public IReadOnlyList<FieldDescriptor> OperationFields { get; }

    /// <summary>The operation kinds the connector supports.</summary>
    public IReadOnlyList<OperationKind> OperationKinds { get; }

    /// <summary>The custom actions (EXECUTE custom type ids).</summary>
    public IReadOnlyList<CustomActionDescriptor> CustomActions { get; }

    /// <summary>The query operators offered.</summary>
    public IReadOnlyList<QueryOperatorDescriptor> QueryOperators { get; }

    /// <summary>The logical groupings a filter may use.</summary>
    public QueryGroupingDescriptor QueryGrouping { get; }

    /// <summary>The sort orders offered.</summary>
    public IReadOnlyList<SortOrder> SortOrders { get; }

    /// <summary>The most sort fields one query may use.</summary>
    public int MaxSortFields { get; }

    /// <summary>The object types, in descriptor order.</summary>
    public IReadOnlyList<ObjectTypeDescriptor> ObjectTypes { get; }

    /// <summary>Finds an object type by id, case-insensitively.</summary>
    /// <param name="id">The object type id.</param>
    /// <returns>The object type, or null.</returns>
    public ObjectTypeDescriptor? FindObjectType(string id) => _objectTypes.GetValueOrDefault(id);

    /// <summary>Finds a connection field by id.</summary>
    /// <param name="id">The field id.</param>
    /// <returns>The field, or null.</returns>
    public FieldDescriptor? FindConnectionField(string id) => _connectionFields.GetValueOrDefault(id);

    /// <summary>Finds the connection field a host fills for a role (the API address, the credential...).</summary>
    /// <param name="role">The role; <see cref="ConnectionRole.None"/> finds nothing.</param>
    /// <returns>The first field with that role, or null when the connector has none.</returns>
    public FieldDescriptor? FindConnectionField(ConnectionRole role) =>
        role == ConnectionRole.None ? null : ConnectionFields.FirstOrDefault(f => f.Role == role);

    /// <summary>Finds an operation field by id.</summary>
    /// <param name="id">The field id.</param>
    /// <returns>The field, or null.</returns>
    public FieldDescriptor? FindOperationField(string id) => _operationFields.GetValueOrDefault(id);

    /// <summary>Finds a query operator by id.</summary>
    /// <param name="id">The operator id.</param>
    /// <returns>The operator, or null.</returns>
    public QueryOperatorDescriptor? FindQueryOperator(string id) => _queryOperators.GetValueOrDefault(id);

    /// <summary>Finds a custom action by id.</summary>
    /// <param name="id">The action id.</param>
    /// <returns>The action, or null.</returns>
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
