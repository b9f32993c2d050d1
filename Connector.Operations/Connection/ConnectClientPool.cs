using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Connector.Operations.Http;
using Microsoft.Extensions.Logging;

namespace Connector.Operations.Connection;

/// <summary>
/// One HTTP client per connection (URL, key and resilience settings), reused across operations, documents and
/// pages. Keys hold a hash of the API key, never the key. A dry-run connection gets its own client, whose transport
/// sends nothing (<see cref="DryRunConnectTransport"/>).
/// </summary>
internal sealed class ConnectClientPool : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ConnectHttpClient>> _clients = new(StringComparer.Ordinal);
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _timeProvider;

    public ConnectClientPool(ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        _loggerFactory = loggerFactory;
        _timeProvider = timeProvider;
    }

    /// <summary>Where the operations built on these clients log.</summary>
    public ILoggerFactory LoggerFactory => _loggerFactory;

    public ConnectHttpClient Get(ConnectionSettings settings)
    {
        var key = settings + "|" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(settings.ApiKey ?? string.Empty)));
        return _clients.GetOrAdd(key, _ => new Lazy<ConnectHttpClient>(() => Create(settings))).Value;
    }

    private ConnectHttpClient Create(ConnectionSettings settings)
    {
        var logger = _loggerFactory.CreateLogger<ConnectHttpClient>();
        return settings.DryRun
            ? new ConnectHttpClient(settings, new DryRunConnectTransport(settings.Validate().BaseUrl!), logger, _timeProvider)
            : new ConnectHttpClient(settings, logger, _timeProvider);
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }

        _clients.Clear();
    }
}
