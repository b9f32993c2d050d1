using Connector.Sandbox.Data;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Connector.Sandbox.Http;

/// <summary>Writes Connect-style responses: JSON objects, bare JSON arrays with Content-Range, error bodies.</summary>
internal static class ConnectResponses
{
    public const string JsonContentType = "application/json";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const int FlushThreshold = 64 * 1024;

    public static Task Error(HttpContext context, int status, string code, params string[] errors)
    {
        var body = new JsonObject
        {
            ["error_code"] = code,
            ["errors"] = new JsonArray([.. errors.Select(e => (JsonNode?)JsonValue.Create(e))]),
        };
        return Bytes(context, status, SandboxJson.Bytes(body), JsonContentType);
    }

    public static Task NotFound(HttpContext context, string what, string? id) =>
        Error(context, StatusCodes.Status404NotFound, "NTF_001", $"{what} {id} not found.");

    public static Task Validation(HttpContext context, params string[] fieldMessages) =>
        Error(context, StatusCodes.Status400BadRequest, "VAL_001", fieldMessages);

    public static Task Json(HttpContext context, int status, JsonNode node) =>
        Bytes(context, status, SandboxJson.Bytes(node), JsonContentType);

    public static Task NoContent(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    public static async Task Bytes(HttpContext context, int status, byte[] body, string contentType)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The Content-Range value of a page: <c>items first-last/total</c>, <c>items 0-0/0</c> when empty, <c>items offset-offset/total</c> past the end.</summary>
    public static string ContentRange(int offset, int count, int total) =>
        total == 0 ? "items 0-0/0"
        : count == 0 ? string.Create(CultureInfo.InvariantCulture, $"items {offset}-{offset}/{total}")
        : string.Create(CultureInfo.InvariantCulture, $"items {offset}-{offset + count - 1}/{total}");

    /// <summary>Writes a bare JSON array of pre-serialized records, streaming, with Content-Range.</summary>
    public static async Task List(HttpContext context, int offset, int total, IEnumerable<byte[]> records, int count)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        response.Headers["Content-Range"] = ContentRange(offset, count, total);
        var buffer = ArrayPool<byte>.Shared.Rent(FlushThreshold * 2);
        try
        {
            var used = 0;
            buffer[used++] = (byte)'[';
            var first = true;
            foreach (var record in records)
            {
                if (!first)
                {
                    buffer[used++] = (byte)',';
                }

                first = false;
                if (used + record.Length + 1 > buffer.Length)
                {
                    await response.Body.WriteAsync(buffer.AsMemory(0, used), context.RequestAborted).ConfigureAwait(false);
                    used = 0;
                }

                if (record.Length + 1 > buffer.Length)
                {
                    await response.Body.WriteAsync(record, context.RequestAborted).ConfigureAwait(false);
                }
                else
                {
                    record.CopyTo(buffer, used);
                    used += record.Length;
                }
            }

            buffer[used++] = (byte)']';
            await response.Body.WriteAsync(buffer.AsMemory(0, used), context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
