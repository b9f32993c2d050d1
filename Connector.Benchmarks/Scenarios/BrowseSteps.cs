using System.Diagnostics;
using Connector.Core.Descriptors;
using Connector.Core.Endpoints;
using Connector.Operations;

namespace Connector.Benchmarks.Scenarios;

/// <summary>The design-time steps the <c>browse</c> scenario times: descriptor load, derived OpenAPI catalog load.</summary>
internal static class BrowseSteps
{
    public const string DescriptorLoad = "descriptor_load_ms";
    public const string ApiCatalogLoad = "api_catalog_load_ms";

    /// <summary>What the steps cover, for the report.</summary>
    public static string Describe => "descriptor load + ApiCatalog load (the catalogue build is not merged yet)";

    /// <summary>How many matrix entries the steps cover (every object type and operation of the descriptor).</summary>
    public static int Entries { get; private set; }

    public static async Task<IReadOnlyList<(string Name, double Milliseconds)>> RunAllAsync(CancellationToken cancellationToken)
    {
        var steps = new List<(string, double)>();
        var watch = Stopwatch.StartNew();
        var descriptor = await DescriptorLoader.LoadAsync(ConnectConnector.DefaultDescriptorPath, cancellationToken).ConfigureAwait(false);
        steps.Add((DescriptorLoad, watch.Elapsed.TotalMilliseconds));
        Entries = descriptor.ObjectTypes.Sum(o => o.Operations.Count);

        watch.Restart();
        var api = await ApiCatalog.LoadAsync(OpenApiPath(descriptor), cancellationToken).ConfigureAwait(false);
        steps.Add((ApiCatalogLoad, watch.Elapsed.TotalMilliseconds));
        GC.KeepAlive(api);
        return steps;
    }

    private static string OpenApiPath(ConnectorDescriptor descriptor) =>
        descriptor.OpenApiPath ?? throw new InvalidOperationException("the descriptor names no derived OpenAPI data");
}
