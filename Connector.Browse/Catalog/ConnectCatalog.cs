using Connector.Browse.Browsing;
using Connector.Browse.Profiles;
using Connector.Core.Browsing;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Endpoints;
using Connector.Core.Operations;

namespace Connector.Browse.Catalog;

/// <summary>
/// The design-time catalogue of a connector: for every object type × operation of the descriptor, the derived
/// endpoint and the INPUT and OUTPUT profiles (content type and self-contained JSON schema), computed once by the
/// connector's <see cref="CatalogStore"/> so browsing is served from memory.
/// </summary>
public sealed class ConnectCatalog
{
    private readonly Dictionary<(string ObjectType, OperationType Operation), ConnectCatalogEntry> _entries;

    private ConnectCatalog(ConnectorDescriptor descriptor, ApiCatalog api, IReadOnlyList<ConnectCatalogEntry> entries, TimeSpan buildDuration)
    {
        Descriptor = descriptor;
        Api = api;
        Entries = entries;
        BuildDuration = buildDuration;
        _entries = entries.ToDictionary(e => (e.ObjectType.Id, e.Operation.Type));
        Browser = new ConnectBrowser(descriptor, api, (objectType, operation) => _entries[(objectType.Id, operation.Type)]);
    }

    /// <summary>The descriptor the catalogue was built from.</summary>
    public ConnectorDescriptor Descriptor { get; }

    /// <summary>The derived OpenAPI data.</summary>
    public ApiCatalog Api { get; }

    /// <summary>Every entry, in descriptor order (object types, then their operations).</summary>
    public IReadOnlyList<ConnectCatalogEntry> Entries { get; }

    /// <summary>How long building the entries took (after loading the data).</summary>
    public TimeSpan BuildDuration { get; }

    /// <summary>The browser over this catalogue (object types, profiles, operation fields, filterable fields).</summary>
    public IBrowser Browser { get; }

    /// <summary>Finds the entry of an object type's operation.</summary>
    /// <param name="objectTypeId">The object type id (case-insensitive).</param>
    /// <param name="operation">A kind, or EXECUTE with its action id (matched by value, any letter case); must not be null.</param>
    /// <returns>The entry, with its INPUT and OUTPUT profiles.</returns>
    /// <exception cref="UnknownOperationException">The object type or operation is not declared; the message lists the valid ones.</exception>
    public ConnectCatalogEntry GetEntry(string objectTypeId, OperationType operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var objectType = OperationContext.ResolveObjectType(Descriptor, objectTypeId);
        var resolved = OperationContext.ResolveOperation(objectType, operation.ToString());
        return _entries[(objectType.Id, resolved.Type)];
    }

    /// <summary>Builds a catalogue from loaded data (tests with hand-made data; a benchmark's rebuild).</summary>
    internal static Task<ConnectCatalog> BuildAsync(ConnectorDescriptor descriptor, ApiCatalog api, CancellationToken cancellationToken) =>
        BuildAsync(descriptor, new ProfileJsonWriter(api), cancellationToken);

    /// <summary>Builds a catalogue with the profile writer of loaded data (what <see cref="CatalogStore"/> does on first use).</summary>
    internal static Task<ConnectCatalog> BuildAsync(ConnectorDescriptor descriptor, ProfileJsonWriter profiles, CancellationToken cancellationToken)
    {
        // The build does no I/O (the data is loaded; schemas are loaded into NJsonSchema only when first read).
        try
        {
            var started = TimeProvider.System.GetTimestamp();
            var entries = CatalogBuilder.BuildEntries(descriptor, profiles, cancellationToken);
            return Task.FromResult(new ConnectCatalog(descriptor, profiles.Api, entries, TimeProvider.System.GetElapsedTime(started)));
        }
        catch (FormatException ex)
        {
            return Task.FromException<ConnectCatalog>(ex);
        }
        catch (OperationCanceledException ex) when (ex.CancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<ConnectCatalog>(ex.CancellationToken);
        }
    }
}
