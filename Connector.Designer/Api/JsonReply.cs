using System.Text;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Designer.Api;

/// <summary>Reads request bodies and writes answers as JSON (Newtonsoft, like the rest of the connector).</summary>
internal static class JsonReply
{
    /// <summary>The largest request body read (the page sends filters and a few documents).</summary>
    public const int MaxRequestBytes = 4 * 1024 * 1024;

    /// <summary>Writes <paramref name="json"/> with the status.</summary>
    public static async Task WriteAsync(HttpContext context, JToken json, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(json.ToString(Formatting.None), Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes <c>{"error": message}</c> with the status.</summary>
    public static Task ErrorAsync(HttpContext context, int status, string message) =>
        WriteAsync(context, new JObject { ["error"] = message }, status);

    /// <summary>Reads the body as a JSON object.</summary>
    /// <exception cref="DesignerRequestException">The body is missing, too large or not a JSON object.</exception>
    public static async Task<JObject> ReadObjectAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxRequestBytes)
        {
            throw new DesignerRequestException($"the request body is larger than {MaxRequestBytes} bytes");
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var buffer = new char[MaxRequestBytes / 4];
        var text = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > MaxRequestBytes)
            {
                throw new DesignerRequestException($"the request body is larger than {MaxRequestBytes} bytes");
            }
        }

        try
        {
            return JToken.Parse(text.ToString()) as JObject ?? throw new DesignerRequestException("the request body must be a JSON object");
        }
        catch (JsonReaderException ex)
        {
            throw new DesignerRequestException("the request body is not JSON: " + ex.Message);
        }
    }
}
