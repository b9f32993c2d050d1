using System.Net;
using System.Net.Sockets;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Operations.Connection;
using Connector.Operations.Http;
using NUnit.Framework;

namespace Connector.Tests.Operations.Http;

/// <summary>Shared settings for the HTTP layer tests: a distinctive key and tiny delays.</summary>
internal static class HttpTestSupport
{
    /// <summary>A key whose parts are easy to spot if they ever leak.</summary>
    public const string KeyId = "SU-901-234-567";

    public const string KeySecret = "Zq9LeakCanary7f3b2c1d0e9a8";

    public const string ApiKey = KeyId + ":" + KeySecret;

    private static readonly Lazy<ConnectorDescriptor> ShippedDescriptor = new(() => DescriptorLoader.LoadAsync(TestPaths.Descriptor, CancellationToken.None).GetAwaiter().GetResult());

    /// <summary>The settings the shipped descriptor's defaults give for a URL and key (read as the connector reads them).</summary>
    public static ConnectionSettings Defaults(Uri baseUrl, string? apiKey = ApiKey, bool allowInsecureHttp = false) => ConnectionSettingsReader.Read(new PropertyValues(
        new Dictionary<string, string?>
        {
            [ConnectionFieldIds.Url] = baseUrl.ToString(),
            [ConnectionFieldIds.ApiKey] = apiKey,
            [ConnectionFieldIds.AllowInsecureHttp] = allowInsecureHttp ? "true" : "false",
        },
        ShippedDescriptor.Value.FindConnectionField,
        "connection"));

    public static ConnectionSettings Settings(Uri baseUrl, int maxRetries = 3, TimeSpan? timeout = null, string apiKey = ApiKey) => Defaults(baseUrl, apiKey) with
    {
        MaxRetries = maxRetries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        RequestTimeout = timeout ?? TimeSpan.FromSeconds(5),
    };

    public static async Task<string> ReadAllTextAsync(ConnectResponse response)
    {
        using var reader = new StreamReader(response.Body);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }

    /// <summary>A loopback port nothing listens on (taken and released at once).</summary>
    public static int FindClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Asserts that the call throws exactly <typeparamref name="T"/> and returns it.</summary>
    public static async Task<T> ThrowsAsync<T>(Func<Task> call)
        where T : Exception
    {
        var error = await Assert.ThrowsAsync<T>(call);
        Assert.That(error, Is.Not.Null);
        return error!;
    }

    /// <summary>Asserts that the call throws <typeparamref name="T"/> or a derived type and returns it.</summary>
    public static async Task<T> CatchAsync<T>(Func<Task> call)
        where T : Exception
    {
        var error = await Assert.CatchAsync<T>(call);
        Assert.That(error, Is.Not.Null);
        return error!;
    }
}
