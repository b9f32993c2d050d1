using Connector.Core.Browsing;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Documents;
using Connector.Core.Operations;
using Connector.Core.Results;
using Connector.Designer.Api;
using Newtonsoft.Json.Linq;

namespace Connector.Designer.Running;

/// <summary>
/// What the designer's API does, over the connector contract only: browse (types, descriptions, profiles as trees),
/// preview a query's request with the connector's <c>dryRun</c> connection setting, run queries (streaming their
/// records) and operations on documents. Holds the connection properties; none of them ever goes to the page.
/// </summary>
internal sealed class DesignerWorkbench
{
    /// <summary>The connection field that makes a connector describe its requests instead of sending them.</summary>
    public const string DryRunField = "dryRun";

    private readonly DesignerOptions _options;
    private readonly Lazy<Task<IBrowser>> _browser;
    private int _nextDocument;

    public DesignerWorkbench(DesignerOptions options)
    {
        _options = options;
        Commands = new CommandLine(string.Join(" ", [options.CommandName, .. options.CommandConnectionArguments.Select(CommandLine.Quote)]));
        _browser = new Lazy<Task<IBrowser>>(() => options.Connector.CreateBrowserAsync(
            new PropertyValues(Connection(dryRun: false), Descriptor.FindConnectionField, "connection"),
            CancellationToken.None));
    }

    public ConnectorDescriptor Descriptor => _options.Connector.Descriptor;

    public CommandLine Commands { get; }

    public DesignerOptions Options => _options;

    /// <summary>Whether the connector can describe requests without sending them (it declares a boolean dryRun field).</summary>
    public bool CanPreview => Descriptor.FindConnectionField(DryRunField) is { Type: FieldType.Boolean };

    public Task<IBrowser> BrowserAsync() => _browser.Value;

    /// <summary>Resolves an object type (case-insensitive).</summary>
    /// <exception cref="DesignerRequestException">It is unknown.</exception>
    public ObjectTypeDescriptor ResolveType(string objectType)
    {
        try
        {
            return OperationContext.ResolveObjectType(Descriptor, objectType);
        }
        catch (UnknownOperationException ex)
        {
            throw new DesignerRequestException(ex.Message);
        }
    }

    /// <summary>Resolves an object type and one of its operations (GET, QUERY, an action id...).</summary>
    /// <exception cref="DesignerRequestException">Either is unknown.</exception>
    public (ObjectTypeDescriptor Type, OperationDescriptor Operation) Resolve(string objectType, string operation)
    {
        var type = ResolveType(objectType);
        try
        {
            return (type, OperationContext.ResolveOperation(type, operation));
        }
        catch (UnknownOperationException ex)
        {
            throw new DesignerRequestException(ex.Message);
        }
    }

    /// <summary>Runs a query with dryRun on and returns the first page request it would send.</summary>
    public async Task<JObject> PreviewQueryAsync(QuerySpec spec, CancellationToken cancellationToken)
    {
        if (!CanPreview)
        {
            throw new DesignerRequestException("this connector has no dryRun connection setting: its requests cannot be previewed");
        }

        var results = await RunAsync(spec.ObjectType, OperationType.Query.ToString(), spec.Properties(), dryRun: true, OperationRequest.ForQuery(spec.Filter, NewDocument("{}")), cancellationToken).ConfigureAwait(false);
        var final = results.Last();
        return new JObject
        {
            ["status"] = final["status"],
            ["code"] = final["code"],
            ["message"] = final["message"],
            ["request"] = ((JArray)final["payloads"]!).FirstOrDefault(),
            ["command"] = Commands.Query(spec.ObjectType, spec),
        };
    }

    /// <summary>
    /// Runs a query and hands out, in order: <c>{"count":N}</c> (a count-only run, when the connector has one),
    /// then <c>{"record":{...}}</c> per record as it arrives, then <c>{"result":{status,code,message}}</c>.
    /// </summary>
    public async Task StreamQueryAsync(QuerySpec spec, Func<JObject, Task> emit, CancellationToken cancellationToken)
    {
        if (Descriptor.FindOperationField(OperationFieldIds.CountOnly) is not null)
        {
            var counted = await RunAsync(spec.ObjectType, "QUERY", spec.Properties((OperationFieldIds.CountOnly, "true")), dryRun: false, OperationRequest.ForQuery(spec.Filter, NewDocument("{}")), cancellationToken).ConfigureAwait(false);
            var count = ((JArray)counted.Last()["payloads"]!).FirstOrDefault()?["count"];
            await emit(count is null ? new JObject { ["countError"] = counted.Last()["message"] } : new JObject { ["count"] = count }).ConfigureAwait(false);
        }

        var (_, operation) = Resolve(spec.ObjectType, "QUERY");
        var context = Context(spec.ObjectType, operation, spec.Properties(), dryRun: false);
        await ContractRun.RunAsync(
            _options.Connector,
            context,
            OperationRequest.ForQuery(spec.Filter, NewDocument("{}")),
            async (result, ct) =>
            {
                if (result.IsPartial)
                {
                    foreach (var payload in result.Payloads)
                    {
                        await emit(new JObject { ["record"] = await ResultJson.PayloadAsync(payload, ct).ConfigureAwait(false) }).ConfigureAwait(false);
                    }
                }
                else
                {
                    await emit(new JObject { ["result"] = await ResultJson.ToJsonAsync(result, ct).ConfigureAwait(false) }).ConfigureAwait(false);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs an operation on JSON documents; one result per document, in order.</summary>
    public Task<List<JObject>> RunDocumentsAsync(string objectType, string operation, IReadOnlyList<JObject> documents, IReadOnlyDictionary<string, string?> properties, bool dryRun, CancellationToken cancellationToken)
    {
        var tracked = documents.Select(d => NewDocument(d.ToString(Newtonsoft.Json.Formatting.None))).ToList();
        return RunAsync(objectType, operation, properties, dryRun, OperationRequest.ForDocuments(tracked), cancellationToken);
    }

    private async Task<List<JObject>> RunAsync(string objectType, string operation, IReadOnlyDictionary<string, string?> properties, bool dryRun, OperationRequest request, CancellationToken cancellationToken)
    {
        var (_, resolved) = Resolve(objectType, operation);
        var context = Context(objectType, resolved, properties, dryRun);
        var results = new List<JObject>();
        var partials = new Dictionary<string, JArray>(StringComparer.Ordinal);
        await ContractRun.RunAsync(
            _options.Connector,
            context,
            request,
            async (result, ct) =>
            {
                var json = await ResultJson.ToJsonAsync(result, ct).ConfigureAwait(false);
                if (result.IsPartial)
                {
                    // A query's records (or its count) arrive as partial results: they become its final result's payloads.
                    partials.TryAdd(result.TrackingId, []);
                    foreach (var payload in (JArray)json["payloads"]!)
                    {
                        partials[result.TrackingId].Add(payload);
                    }
                }
                else
                {
                    if (partials.Remove(result.TrackingId, out var earlier))
                    {
                        json["payloads"] = new JArray(earlier.Concat((JArray)json["payloads"]!));
                    }

                    results.Add(json);
                }
            },
            cancellationToken).ConfigureAwait(false);
        return results;
    }

    private OperationContext Context(string objectType, OperationDescriptor operation, IReadOnlyDictionary<string, string?> properties, bool dryRun)
    {
        try
        {
            return OperationContext.Create(Descriptor, objectType, operation.Type.ToDisplayName(), Connection(dryRun), properties);
        }
        catch (UnknownOperationException ex)
        {
            throw new DesignerRequestException(ex.Message);
        }
    }

    private Dictionary<string, string?> Connection(bool dryRun)
    {
        var properties = new Dictionary<string, string?>(_options.ConnectionProperties, StringComparer.OrdinalIgnoreCase);
        if (dryRun)
        {
            properties[DryRunField] = "true";
        }

        return properties;
    }

    private TrackedDocument NewDocument(string json) =>
        TrackedDocument.FromText("designer-" + Interlocked.Increment(ref _nextDocument).ToString(System.Globalization.CultureInfo.InvariantCulture), json);
}
