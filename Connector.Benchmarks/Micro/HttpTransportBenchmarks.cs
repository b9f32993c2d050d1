using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Connector.Benchmarks.Baseline;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.LoopbackHosting;
using Connector.Operations;
using Connector.Operations.Connection;
using Connector.Operations.Http;
using Connector.Operations.Inbound;
using Connector.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Connector.Benchmarks.Micro;

/// <summary>
/// The HTTP layer alone, one APPROVE after another (<c>POST requests/{id}/approve</c> with a template id, the answer
/// read whole) against an in-process Kestrel server on loopback that answers every POST with a sandbox request object
/// of a declared length: the connector's <see cref="ConnectHttpClient"/> over its real transport (Polly,
/// <see cref="HttpClient"/>, the metered answer stream, <see cref="JsonBody"/>) against the baseline's bare
/// <see cref="HttpClient"/>. Both sides share the server's work, so the difference of their means (divided by
/// <see cref="Requests"/>) and of their allocations is what the connector's HTTP layer adds per request.
/// </summary>
[MemoryDiagnoser]
public class HttpTransportBenchmarks
{
    private const int Requests = 100;
    private static readonly byte[] Body = "{\"template_id\":\"TL-0042-0000-0000-01\"}"u8.ToArray();
    private readonly string[] _paths = Enumerable.Range(0, Requests).Select(i => "requests/PR-0042-0000-" + i.ToString("D4", CultureInfo.InvariantCulture) + "-001/approve").ToArray();
    private WebApplication _server = null!;
    private ConnectHttpClient _client = null!;
    private RawConnectClient _raw = null!;

    /// <summary>Takes one request object from a seeded sandbox as the answer, and starts the answering server and both clients.</summary>
    /// <returns>A task.</returns>
    [GlobalSetup]
    public async Task SetUpAsync()
    {
        var answer = await SandboxRequestObjectAsync().ConfigureAwait(false);
        _server = LoopbackWebApplication.CreateBuilder(typeof(HttpTransportBenchmarks), 0, 64 * 1024).Build();
        _server.Run(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted).ConfigureAwait(false);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = answer.Length;
            await context.Response.Body.WriteAsync(answer, context.RequestAborted).ConfigureAwait(false);
        });
        await _server.StartAsync().ConfigureAwait(false);
        var baseUrl = new Uri(LoopbackWebApplication.RootOf(_server), "public/v1/");
        var descriptor = await DescriptorLoader.LoadAsync(ConnectConnector.DefaultDescriptorPath, CancellationToken.None).ConfigureAwait(false);
        var context = OperationContext.Create(descriptor, "request", "EXECUTE:APPROVE", new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [ConnectionFieldIds.Url] = baseUrl.ToString(),
            [ConnectionFieldIds.ApiKey] = SandboxOptions.DefaultApiKey,
        });
        var settings = ConnectionSettingsReader.Read(context.ConnectionProperties);
        _client = new ConnectHttpClient(settings);
        _raw = new RawConnectClient(baseUrl);
    }

    /// <summary>Stops the server and releases the clients.</summary>
    /// <returns>A task.</returns>
    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        _client.Dispose();
        _raw.Dispose();
        await _server.StopAsync().ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>100 APPROVEs with a bare <see cref="HttpClient"/>, as the actions scenario's baseline sends them.</summary>
    /// <returns>The bytes of answer read.</returns>
    [Benchmark(Baseline = true)]
    public async Task<long> Baseline100()
    {
        long read = 0;
        foreach (var path in _paths)
        {
            using var response = await _raw.PostJsonAsync(path, Body, CancellationToken.None).ConfigureAwait(false);
            read += (await response.Content.ReadAsByteArrayAsync(CancellationToken.None).ConfigureAwait(false)).Length;
        }

        return read;
    }

    /// <summary>100 APPROVEs through the connector's client and transport, each answer read as the action reads it.</summary>
    /// <returns>The bytes of answer read.</returns>
    [Benchmark]
    public async Task<long> Connector100()
    {
        long read = 0;
        foreach (var path in _paths)
        {
            await using var answer = await _client.SendAsync(new ConnectRequest(HttpMethod.Post, path, body: ConnectRequestBody.Json(Body)), CancellationToken.None).ConfigureAwait(false);
            read += (await JsonBody.ReadAsync(answer.Body, CancellationToken.None).ConfigureAwait(false)).Length;
        }

        return read;
    }

    /// <summary>The first pending request object of the seed-42 sandbox, as its API writes it (an APPROVE answers the object).</summary>
    private static async Task<byte[]> SandboxRequestObjectAsync()
    {
        await using var sandbox = await ConnectSandbox.StartAsync(new SandboxOptions { Port = 0, RecordsPerType = 20 }).ConfigureAwait(false);
        using var raw = new RawConnectClient(sandbox.BaseUrl);
        var page = await raw.Http.GetByteArrayAsync(raw.Target("requests", "eq(status,pending)&limit=1")).ConfigureAwait(false);
        using var items = JsonDocument.Parse(page);
        return JsonSerializer.SerializeToUtf8Bytes(items.RootElement[0]);
    }
}
