using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Connector.Operations.Listen.Webhooks;

/// <summary>
/// Checks the JSON Web Token Connect sends with each webhook delivery in the <c>Authentication</c> header (not
/// <c>Authorization</c>): HS256, signed with the webhook's <c>jwt_secret</c>, with an expiry. Only the signature and
/// the lifetime are checked (Connect sets no issuer or audience); the clock is the given <see cref="TimeProvider"/>.
/// </summary>
internal sealed class WebhookSignature
{
    /// <summary>The request header Connect puts the token in.</summary>
    public const string HeaderName = "Authentication";

    /// <summary>The shortest secret HS256 accepts (the key must have at least 256 bits).</summary>
    public const int MinimumSecretBytes = 32;

    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
    private readonly JsonWebTokenHandler _handler = new() { MaximumTokenSizeInBytes = 16 * 1024 };
    private readonly TokenValidationParameters _parameters;

    public WebhookSignature(string secret, TimeProvider time)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        if (key.Length < MinimumSecretBytes)
        {
            throw new ArgumentException($"the webhook secret is too short for HS256: it needs at least {MinimumSecretBytes} bytes", nameof(secret));
        }

        _parameters = new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(key),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                return expires is { } end && end.ToUniversalTime() + ClockSkew > now && (notBefore is not { } start || start.ToUniversalTime() - ClockSkew <= now);
            },
        };
    }

    /// <summary>Whether the header value is a valid token for this secret (never throws for a bad token).</summary>
    /// <param name="header">The <c>Authentication</c> header value, or null when it is missing.</param>
    /// <returns>True when the signature and the lifetime are valid.</returns>
    public async Task<bool> IsValidAsync(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }

        var token = header.Trim();
        if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = token["Bearer ".Length..].Trim();
        }

        var result = await _handler.ValidateTokenAsync(token, _parameters).ConfigureAwait(false);
        return result.IsValid;
    }
}
