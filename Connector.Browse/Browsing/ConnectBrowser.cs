using Connector.Browse.Catalog;
using Connector.Core.Browsing;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Endpoints;
using Connector.Core.Operations;

namespace Connector.Browse.Browsing;

/// <summary>
/// The browser over a descriptor and its derived data. Object types, operation fields and filterable fields come
/// from the descriptor and the endpoints alone; profiles come from catalogue entries, which <paramref name="entryOf"/>
/// serves (from a built catalogue, or built on demand and kept by the connector's <see cref="CatalogStore"/>).
/// </summary>
internal sealed class ConnectBrowser(ConnectorDescriptor descriptor, ApiCatalog api, Func<ObjectTypeDescriptor, OperationDescriptor, ConnectCatalogEntry> entryOf) : IBrowser
{
    public IReadOnlyList<ObjectTypeInfo> GetObjectTypes(OperationType? supporting = null) =>
        descriptor.ObjectTypes
            .Where(t => supporting is null || t.FindOperation(supporting) is not null)
            .Select(t => new ObjectTypeInfo(t.Id, t.Label, t.Parent, t.Operations.Select(o => o.Type).ToList()))
            .ToList();

    public IReadOnlyList<ObjectDefinition> GetObjectDefinitions(string objectTypeId, OperationType operation)
    {
        var (objectType, op) = Resolve(objectTypeId, operation);
        var entry = entryOf(objectType, op);
        return [entry.Input, entry.Output];
    }

    public IReadOnlyList<OperationFieldDefinition> GetOperationFields(string objectTypeId, OperationType operation)
    {
        var (objectType, op) = Resolve(objectTypeId, operation);
        return op.Fields
            .Where(id => id switch
            {
                // The object id only where the path needs it; the parent id only for child object types.
                OperationFieldIds.ObjectId => op.TargetsObject,
                OperationFieldIds.ParentId => op.NeedsParent,
                _ => true,
            })
            .Select(id => descriptor.FindOperationField(id)
                ?? throw new InvalidOperationException($"The operation field '{id}' of {objectType.Id} {op.Type} is not declared in the descriptor."))
            .Select(f => new OperationFieldDefinition(f.Id, f.Label, f.Type, f.HelpText, f.DefaultValue, f.Overrideable, f.Minimum, f.Maximum))
            .ToList();
    }

    public IReadOnlyList<FilterableField> GetFilterableFields(string objectTypeId)
    {
        var objectType = OperationContext.ResolveObjectType(descriptor, objectTypeId);
        if (objectType.FindOperation(OperationType.Query) is not { } query)
        {
            return [];
        }

        var endpoint = api.Find(query.Method, query.Path)
            ?? throw new FormatException($"The derived OpenAPI data has no endpoint for {objectType.Id} {query.Type} ({query.Endpoint}).");
        var offered = FilterOperatorMapping.OfferedOperators(descriptor, query);
        return endpoint.Filters
            .Select(f => new FilterableField(f.Name, FilterOperatorMapping.OperatorsOf(f, offered), f.Orderable))
            .Where(f => f.Operators.Count > 0 || f.Sortable)
            .ToList();
    }

    private (ObjectTypeDescriptor ObjectType, OperationDescriptor Operation) Resolve(string objectTypeId, OperationType operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var objectType = OperationContext.ResolveObjectType(descriptor, objectTypeId);
        return (objectType, OperationContext.ResolveOperation(objectType, operation.ToString()));
    }
}
