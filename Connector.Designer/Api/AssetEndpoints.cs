using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connector.Designer.Api;

/// <summary>Serves the page and its script and style from this assembly's embedded resources (nothing from elsewhere).</summary>
internal static class AssetEndpoints
{
    private const string ResourcePrefix = "Connector.Designer.Assets.";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", context => ServeAsync(context, "index.html"));
        app.MapGet("/assets/{name}", context => ServeAsync(context, (string)context.Request.RouteValues["name"]!));
    }

    private static async Task ServeAsync(HttpContext context, string name)
    {
        var assembly = typeof(AssetEndpoints).Assembly;
        await using var stream = name.Contains('/', StringComparison.Ordinal) ? null : assembly.GetManifestResourceStream(ResourcePrefix + name);
        if (stream is null || !ContentTypes.TryGetValue(Path.GetExtension(name), out var contentType))
        {
            await JsonReply.ErrorAsync(context, StatusCodes.Status404NotFound, "no such asset").ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = contentType;
        await stream.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The names of the embedded assets (for tests).</summary>
    internal static IEnumerable<string> Names() =>
        typeof(AssetEndpoints).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Select(n => n[ResourcePrefix.Length..]);
}
