using Connector.Browse.Catalog;
using Connector.Core.Browsing;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Operations;

namespace Connector.Browse.Browsing;

/// <summary>The browser over a <see cref="ConnectCatalog"/>: everything is served from the precomputed catalogue.</summary>
internal sealed class ConnectBrowser : IBrowser
{
    private readonly ConnectCatalog _catalog;

    public ConnectBrowser(ConnectCatalog catalog)
    {
        _catalog = catalog;
    }

    private ConnectorDescriptor Descriptor => _catalog.Descriptor;

    public IReadOnlyList<ObjectTypeInfo> GetObjectTypes(OperationType? supporting = null) =>
        Descriptor.ObjectTypes
            .Where(t => supporting is null || t.FindOperation(supporting) is not null)
            .Select(t => new ObjectTypeInfo(t.Id, t.Label, t.Parent, t.Operations.Select(o => o.Type).ToList()))
            .ToList();

    public IReadOnlyList<ObjectDefinition> GetObjectDefinitions(string objectTypeId, OperationType operation)
    {
        var entry = _catalog.GetEntry(objectTypeId, operation);
        return [entry.Input, entry.Output];
    }

    public IReadOnlyList<OperationFieldDefinition> GetOperationFields(string objectTypeId, OperationType operation)
    {
        var entry = _catalog.GetEntry(objectTypeId, operation);
        var op = entry.Operation;
        return op.Fields
            .Where(id => id switch
            {
                // The object id only where the path needs it; the parent id only for child object types.
                OperationFieldIds.ObjectId => op.TargetsObject,
                OperationFieldIds.ParentId => op.NeedsParent,
                _ => true,
            })
            .Select(id => Descriptor.FindOperationField(id)
                ?? throw new InvalidOperationException($"The operation field '{id}' of {entry} is not declared in the descriptor."))
            .Select(f => new OperationFieldDefinition(f.Id, f.Label, f.Type, f.HelpText, f.DefaultValue, f.Overrideable, f.Minimum, f.Maximum))
            .ToList();
    }

    public IReadOnlyList<FilterableField> GetFilterableFields(string objectTypeId)
    {
        var objectType = OperationContext.ResolveObjectType(Descriptor, objectTypeId);
        if (objectType.FindOperation(OperationType.Query) is null)
        {
            return [];
        }

        var entry = _catalog.GetEntry(objectType.Id, OperationType.Query);
        var offered = FilterOperatorMapping.OfferedOperators(Descriptor, entry.Operation);
        return entry.Endpoint.Filters
            .Select(f => new FilterableField(f.Name, FilterOperatorMapping.OperatorsOf(f, offered), f.Orderable))
            .Where(f => f.Operators.Count > 0 || f.Sortable)
            .ToList();
    }
}
