using Connector.Core.Browsing;
using Connector.Operations.Http;
using Connector.Operations.Http.Errors;
using Connector.Operations.Inbound;

namespace Connector.Operations.Connection;

/// <summary>
/// Tests a connection with one cheap authenticated call (<c>GET /marketplaces?limit=1</c> style: the first
/// collection of the descriptor with limit 0) and turns failures into messages that say what to fix.
/// </summary>
internal sealed class ConnectConnectionTester(ConnectHttpClient client, Uri baseUrl, string probePath) : IConnectionTester
{
    public async Task TestConnectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var answer = await client.SendAsync(new ConnectRequest(HttpMethod.Get, probePath, "limit=0"), cancellationToken).ConfigureAwait(false);
            if (ContentRange.Parse(answer.ContentRange) is null || answer.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
            {
                throw new ConnectionTestException($"the URL {baseUrl} answered but is not a Connect API (no JSON list with a Content-Range header at {probePath}); check the API endpoint URL, which ends in /public/v1");
            }
        }
        catch (ConnectAuthenticationException ex)
        {
            throw new ConnectionTestException("the API key was rejected; check the API key (SU-...:secret) in the connection settings", ex);
        }
        catch (ConnectNotFoundException ex)
        {
            throw new ConnectionTestException($"the URL {baseUrl} answered but is not a Connect API ({probePath} was not found); check the API endpoint URL, which ends in /public/v1", ex);
        }
        catch (ConnectApiException ex)
        {
            throw new ConnectionTestException($"the URL {baseUrl} answered but is not a Connect API, or refused the call: {ex.Message}", ex);
        }
        catch (ConnectTransportException ex)
        {
            throw new ConnectionTestException(ex.Message, ex);
        }
    }
}
