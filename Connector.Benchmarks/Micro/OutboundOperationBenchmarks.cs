using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Connector.Benchmarks.Connect;
using Connector.Browse.Catalog;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Documents;
using Connector.Core.Operations;
using Connector.Core.Results;
using Connector.Operations;
using Connector.Operations.Connection;
using Connector.Operations.Http;
using Connector.Operations.Outbound;
using Connector.Operations.Requests;
using Connector.Sandbox;

namespace Connector.Benchmarks.Micro;

/// <summary>
/// The connector's whole per-document client work in the <c>actions</c> and <c>bulk-close</c> scenarios, without a
/// network: 1000 usage records bulk-closed (one batch) and 100 request APPROVEs, each through its operation into a
/// counting sink, over a transport that answers from memory. Per-document figures are the mean divided by 1000 or 100;
/// they include making the documents (a stream over shared bytes each) and the fake answers.
/// </summary>
[MemoryDiagnoser]
public class OutboundOperationBenchmarks
{
    private const int Records = 1000;
    private const int Approvals = 100;
    private OperationContext _close = null!;
    private OperationContext _approve = null!;
    private ConnectApiData _catalog = null!;
    private ConnectHttpClient _closeClient = null!;
    private ConnectHttpClient _approveClient = null!;
    private ConnectHttpClient _approveAsyncClient = null!;
    private byte[][] _closeDocuments = [];
    private byte[] _approveDocument = [];

    /// <summary>Loads the descriptor and catalogue, and prepares the documents and the answers.</summary>
    /// <returns>A task.</returns>
    [GlobalSetup]
    public async Task SetUpAsync()
    {
        var descriptor = await DescriptorLoader.LoadAsync(ConnectConnector.DefaultDescriptorPath, CancellationToken.None).ConfigureAwait(false);
        _catalog = await ConnectApiData.GetAsync(new CatalogStore(descriptor), CancellationToken.None).ConfigureAwait(false);
        var connection = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [ConnectionFieldIds.Url] = "http://127.0.0.1:9/public/v1",
            [ConnectionFieldIds.ApiKey] = SandboxOptions.DefaultApiKey,
        };
        _close = OperationContext.Create(descriptor, "usage_record", "EXECUTE:BULK_CLOSE", connection, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [OperationFieldIds.BatchSize] = Records.ToString(CultureInfo.InvariantCulture),
        });
        _approve = OperationContext.Create(descriptor, "request", "EXECUTE:APPROVE", connection, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [OperationFieldIds.Parallelism] = "8",
        });
        var ids = Enumerable.Range(0, Records).Select(i => "UR-0042-" + i.ToString("D4", CultureInfo.InvariantCulture) + "-0000").ToList();
        _closeDocuments = ids.Select(id => Encoding.UTF8.GetBytes("{\"id\":\"" + id + "\",\"external_billing_id\":\"INV-BENCH-1\"}")).ToArray();
        var statuses = Encoding.UTF8.GetBytes("[" + string.Join(",", ids.Select(id => "{\"id\":\"" + id + "\",\"status\":\"closed\",\"error_codes\":[],\"error_details\":\"\"}")) + "]");
        var approved = Encoding.UTF8.GetBytes("{\"id\":\"PR-0042-0000-0000-001\",\"status\":\"approved\",\"template\":{\"id\":\"TL-0042-0000-0000-01\"},\"asset\":{\"id\":\"AS-0042-0000-0000\"}}");
        _approveDocument = Encoding.UTF8.GetBytes("{\"template_id\":\"TL-0042-0000-0000-01\"}");
        var settings = ConnectionSettingsReader.Read(_close.ConnectionProperties);
        _closeClient = new ConnectHttpClient(settings, new MemoryTransport(206, statuses), null, null);
        _approveClient = new ConnectHttpClient(settings, new MemoryTransport(200, approved), null, null);
        _approveAsyncClient = new ConnectHttpClient(settings, new MemoryTransport(200, approved, answerLater: true), null, null);
    }

    /// <summary>Releases the clients.</summary>
    [GlobalCleanup]
    public void CleanUp()
    {
        _closeClient.Dispose();
        _approveClient.Dispose();
        _approveAsyncClient.Dispose();
    }

    /// <summary>1000 usage records closed in one bulk call.</summary>
    /// <returns>The successes counted.</returns>
    [Benchmark]
    public async Task<long> BulkClose1000()
    {
        var documents = _closeDocuments.Select((bytes, i) => TrackedDocument.FromBytes("d" + i.ToString(CultureInfo.InvariantCulture), bytes)).ToList();
        return await RunAsync(new BulkOperation(_close, _closeClient, _catalog), documents).ConfigureAwait(false);
    }

    /// <summary>100 APPROVEs, the request id given per document as the scenario does.</summary>
    /// <returns>The successes counted.</returns>
    [Benchmark]
    public Task<long> Approve100() => ApproveAsync(_approveClient, Approvals);

    /// <summary>
    /// 100 APPROVEs whose answers come later, as a network's do: every await of the chain from the operation down to
    /// the transport suspends and resumes once per document (what the in-memory <see cref="Approve100"/> never pays).
    /// </summary>
    /// <returns>The successes counted.</returns>
    [Benchmark]
    public Task<long> Approve100AnsweredLater() => ApproveAsync(_approveAsyncClient, Approvals);

    /// <summary>
    /// One APPROVE per execution, the way a runtime that runs an action per document uses the connector: a new
    /// operation (as <see cref="ConnectConnector.CreateOperation"/> makes per execution) over the connector's shared
    /// API data, its one document and its response. The per-execution cost over <see cref="Approve100"/>'s per-document cost is the set-up.
    /// </summary>
    /// <returns>The successes counted.</returns>
    [Benchmark]
    public Task<long> Approve1PerExecution() => ApproveAsync(_approveClient, 1);

    /// <summary>
    /// <paramref name="count"/> APPROVEs through <paramref name="client"/> in one execution of a new operation, each
    /// document naming its request id in its dynamic properties.
    /// </summary>
    private async Task<long> ApproveAsync(ConnectHttpClient client, int count)
    {
        var documents = Enumerable.Range(0, count).Select(i => TrackedDocument.FromBytes(
            "d" + i.ToString(CultureInfo.InvariantCulture),
            _approveDocument,
            new Dictionary<string, string?>(StringComparer.Ordinal) { [OperationFieldIds.ObjectId] = "PR-0042-0000-" + i.ToString("D4", CultureInfo.InvariantCulture) + "-001" })).ToList();
        return await RunAsync(new ObjectOperation(_approve, client, _catalog), documents).ConfigureAwait(false);
    }

    private static async Task<long> RunAsync(IOperation operation, IReadOnlyList<TrackedDocument> documents)
    {
        var sink = new CountingResultSink();
        var response = new OperationResponse(documents, sink);
        await operation.ExecuteAsync(OperationRequest.ForDocuments(documents), response, CancellationToken.None).ConfigureAwait(false);
        return sink.Failures.Count == 0 ? sink.Successes : throw new InvalidOperationException(string.Join("; ", sink.Failures));
    }

    /// <summary>Answers every request with the same status and JSON body, from memory: at once, or after yielding the thread when <paramref name="answerLater"/>.</summary>
    private sealed class MemoryTransport(int status, byte[] body, bool answerLater = false) : IConnectTransport
    {
        private static readonly Dictionary<string, string> Headers = new(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json" };

        public string Origin => "http://127.0.0.1:9";

        public Task<ConnectResponse> SendAsync(ConnectRequest request, CancellationToken cancellationToken) =>
            answerLater ? AnswerLaterAsync() : Task.FromResult(Answer());

        private ConnectResponse Answer() => new(status, Headers, new MemoryStream(body, writable: false));

        private async Task<ConnectResponse> AnswerLaterAsync()
        {
            await Task.Yield();
            return Answer();
        }

        public void Dispose()
        {
        }
    }
}
