using Microsoft.AspNetCore.Http;

namespace Connector.Designer.Security;

/// <summary>
/// Checks every request before it reaches an endpoint: the Host header must name this server on loopback
/// (<c>127.0.0.1:PORT</c> or <c>localhost:PORT</c>), so a page on another origin that rebinds its DNS name to
/// 127.0.0.1 is refused (400); every request but the page and its assets (<c>/</c>, <c>/assets/NAME</c>) must carry the token in the <see cref="TokenHeader"/> header
/// (401 otherwise). Adds headers that keep the token in the page (no referrer) and the page to its own assets.
/// </summary>
internal sealed class RequestGuard(string token)
{
    /// <summary>The request header that carries the token.</summary>
    public const string TokenHeader = "X-Designer-Token";

    /// <summary>The port the server listens on (set once it started; until then no request is accepted).</summary>
    public int Port { get; set; }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Frame-Options"] = "DENY";
        headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
        headers["Cache-Control"] = "no-store";
        if (!IsLoopbackHost(context.Request.Host))
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, "the Host header does not name this designer (127.0.0.1 or localhost with its port)").ConfigureAwait(false);
            return;
        }

        if (!IsPublicAsset(context.Request)
            && !DesignerToken.Matches(token, context.Request.Headers[TokenHeader].FirstOrDefault()))
        {
            await RejectAsync(context, StatusCodes.Status401Unauthorized, "missing or wrong token: open the address the designer printed on start").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>The page and its assets (no data in them) are served without the token; everything else needs it.</summary>
    private static bool IsPublicAsset(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && (request.Path.Value is "/" || (request.Path.StartsWithSegments("/assets", StringComparison.Ordinal, out var rest) && rest.Value?.Count(c => c == '/') == 1));

    private bool IsLoopbackHost(HostString host)
    {
        if (!host.HasValue || host.Port != Port || Port == 0)
        {
            return false;
        }

        return host.Host is "127.0.0.1" || string.Equals(host.Host, "localhost", StringComparison.OrdinalIgnoreCase);
    }

    private static Task RejectAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = message });
    }
}
