using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Events;

/// <summary>
/// Signs a webhook delivery the way Connect does: an HS256 JSON Web Token, keyed with the webhook's
/// <c>jwt_secret</c>, sent in the <c>Authentication</c> header. Written out by hand (header.payload.signature, each
/// base64url) so that the sandbox depends on no JWT library and checks the connector's one independently.
/// </summary>
internal static class WebhookJwt
{
    /// <summary>How long a delivery's token is valid.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>The token for one delivery of <paramref name="webhookId"/> at <paramref name="now"/>.</summary>
    public static string Sign(string webhookId, string secret, DateTimeOffset now)
    {
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8);
        var claims = new JsonObject
        {
            ["webhook_id"] = webhookId,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + Lifetime).ToUnixTimeSeconds(),
        };
        var payload = Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(header + "." + payload)));
        return header + "." + payload + "." + signature;
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
