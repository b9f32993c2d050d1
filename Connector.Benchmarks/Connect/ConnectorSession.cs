using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Documents;
using Connector.Core.Operations;
using Connector.Core.Results;
using Connector.Operations;
using Connector.Operations.Connection;
using Connector.Sandbox;

namespace Connector.Benchmarks.Connect;

/// <summary>
/// The connector as a runtime uses it: the shipped descriptor, one <see cref="ConnectConnector"/> kept across runs
/// (so its pooled HTTP client and the process-wide catalog are reused), operations created through
/// <see cref="Core.Hosting.IConnector.CreateOperation"/> and executed with an <see cref="OperationResponse"/> whose sink counts.
/// </summary>
internal sealed class ConnectorSession : IDisposable
{
    private readonly ConnectConnector _connector;

    private ConnectorSession(ConnectorDescriptor descriptor)
    {
        Descriptor = descriptor;
        _connector = new ConnectConnector(descriptor);
    }

    public ConnectorDescriptor Descriptor { get; }

    public static async Task<ConnectorSession> CreateAsync(CancellationToken cancellationToken) =>
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
        var response = new OperationResponse(request.Documents, sink);
        await _connector.CreateOperation(context).ExecuteAsync(request, response, cancellationToken).ConfigureAwait(false);
        var violations = await response.CompleteAsync(cancellationToken).ConfigureAwait(false);
        if (violations.Count > 0)
        {
            throw new InvalidOperationException("result invariant violated: " + string.Join("; ", violations));
        }

        foreach (var document in request.Documents)
        {
            await document.DisposeAsync().ConfigureAwait(false);
        }

        return sink;
    }

    public void Dispose() => _connector.Dispose();

    private static Dictionary<string, string?> ConnectionProperties(Uri baseUrl) => new(StringComparer.Ordinal)
    {
        [ConnectionFieldIds.Url] = baseUrl.ToString(),
        [ConnectionFieldIds.ApiKey] = SandboxOptions.DefaultApiKey,
    };
}
