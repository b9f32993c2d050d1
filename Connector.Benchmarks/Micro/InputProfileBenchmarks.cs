using BenchmarkDotNet.Attributes;
using Connector.Browse.Catalog;
using Connector.Core.Descriptors;
using Connector.Core.Documents;
using Connector.Operations;
using Connector.Operations.Documents;
using Connector.Operations.Requests;
using Newtonsoft.Json.Linq;

namespace Connector.Benchmarks.Micro;

/// <summary>
/// The per-document work of outbound operations before anything is sent: reading a document, projecting it onto
/// the input profile and validating it (usage record BULK_CLOSE item, request APPROVE body).
/// </summary>
[MemoryDiagnoser]
public class InputProfileBenchmarks
{
    private const string CloseRecord = "{\"id\":\"UR-1234-5678-9012\",\"external_billing_id\":\"INV-BENCH-1\"}";
    private const string ApproveBody = "{\"template_id\":\"TL-000-000-001\"}";
    private InputProfile _close = null!;
    private InputProfile _approve = null!;
    private JObject _closeJson = null!;
    private JObject _approveJson = null!;

    /// <summary>Loads the descriptor, the catalog and the two profiles.</summary>
    /// <returns>A task.</returns>
    [GlobalSetup]
    public async Task SetUpAsync()
    {
        var descriptor = await DescriptorLoader.LoadAsync(ConnectConnector.DefaultDescriptorPath, CancellationToken.None).ConfigureAwait(false);
        var catalog = await ConnectApiData.GetAsync(new CatalogStore(descriptor), CancellationToken.None).ConfigureAwait(false);
        _close = await Profile(descriptor, catalog, "usage_record", "BULK_CLOSE").ConfigureAwait(false);
        _approve = await Profile(descriptor, catalog, "request", "APPROVE").ConfigureAwait(false);
        _closeJson = JObject.Parse(CloseRecord);
        _approveJson = JObject.Parse(ApproveBody);
    }

    /// <summary>Reads one small JSON document.</summary>
    /// <returns>The object.</returns>
    [Benchmark]
    public async Task<JObject?> ReadDocument() =>
        await InputDocumentReader.ReadObjectAsync(TrackedDocument.FromText("d", CloseRecord), CancellationToken.None).ConfigureAwait(false);

    /// <summary>Projects a close record onto the BULK_CLOSE item profile.</summary>
    /// <returns>The projection.</returns>
    [Benchmark]
    public JToken ProjectCloseRecord() => _close.Project(_closeJson);

    /// <summary>Validates a close record against the BULK_CLOSE item profile.</summary>
    /// <returns>The problems.</returns>
    [Benchmark]
    public int ValidateCloseRecord() => _close.Validate(_closeJson).Count;

    /// <summary>Projects an APPROVE body.</summary>
    /// <returns>The projection.</returns>
    [Benchmark]
    public JToken ProjectApprove() => _approve.Project(_approveJson);

    /// <summary>Validates an APPROVE body.</summary>
    /// <returns>The problems.</returns>
    [Benchmark]
    public int ValidateApprove() => _approve.Validate(_approveJson).Count;

    private static async Task<InputProfile> Profile(ConnectorDescriptor descriptor, ConnectApiData catalog, string objectType, string action)
    {
        var type = descriptor.ObjectTypes.Single(o => o.Id == objectType);
        var operation = type.Operations.Single(o => o.Type.CustomTypeId == action);
        return await catalog.InputProfileAsync(type, operation, CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{objectType} {action} has no input profile");
    }
}
