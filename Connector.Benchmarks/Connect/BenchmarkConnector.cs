using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Execution;
using Connector.Core.Operations;
using Connector.Operations;
using Connector.Operations.Connection;
using Connector.Operations.Http;
using Connector.Sandbox;

namespace Connector.Benchmarks.Connect;

/// <summary>
/// The connector as a runtime uses it: the shipped descriptor, one <see cref="ConnectConnector"/> kept across runs
/// (so its pooled HTTP client and its catalogue are reused), operations run through <see cref="ConnectorRunner"/> (the
/// run sequence every host uses) into a sink that counts.
/// </summary>
internal sealed class BenchmarkConnector : IDisposable
{
    private readonly ConnectConnector _connector;

    private BenchmarkConnector(ConnectorDescriptor descriptor)
    {
        Descriptor = descriptor;
        _connector = new ConnectConnector(descriptor);
    }

    public ConnectorDescriptor Descriptor { get; }

    public static async Task<BenchmarkConnector> CreateAsync(CancellationToken cancellationToken) =>
        new(await DescriptorLoader.LoadAsync(ConnectConnector.DefaultDescriptorPath, cancellationToken).ConfigureAwait(false));

    /// <summary>Runs one operation over <paramref name="request"/> and returns the sink that counted its results.</summary>
    public async Task<CountingResultSink> ExecuteAsync(
        Uri baseUrl,
        string objectType,
        string operation,
        IReadOnlyDictionary<string, string?> operationProperties,
        OperationRequest request,
        CountingResultSink sink,
        CancellationToken cancellationToken)
    {
        var context = OperationContext.Create(Descriptor, objectType, operation, ConnectionProperties(baseUrl), operationProperties);
        var violations = await ConnectorRunner.RunAsync(_connector, context, request, sink, cancellationToken).ConfigureAwait(false);
        return violations.Count == 0 ? sink : throw new InvalidOperationException("result invariant violated: " + string.Join("; ", violations));
    }

    /// <summary>
    /// A Connect client with the settings the connector reads from its connection for <paramref name="baseUrl"/>, apart
    /// from any operation: for measuring what the HTTP layer costs without the per-document work (dispose it).
    /// </summary>
    public ConnectHttpClient CreateClient(Uri baseUrl) =>
        new(ConnectionSettingsReader.Read(OperationContext.Create(Descriptor, "request", "EXECUTE:APPROVE", ConnectionProperties(baseUrl)).ConnectionProperties));

    public void Dispose() => _connector.Dispose();

    private static Dictionary<string, string?> ConnectionProperties(Uri baseUrl) => new(StringComparer.Ordinal)
    {
        [ConnectionFieldIds.Url] = baseUrl.ToString(),
        [ConnectionFieldIds.ApiKey] = SandboxOptions.DefaultApiKey,
    };
}
