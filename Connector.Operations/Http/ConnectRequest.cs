using System.Globalization;
using System.Text;

namespace Connector.Operations.Http;

/// <summary>
/// One call to the Connect API. The path and the query are sent as given (they must already be percent-encoded by the
/// caller); only characters that cannot appear on an HTTP request line (space, control and non-ASCII characters,
/// <c>#</c>) are percent-encoded here. On the way out <see cref="Uri"/> may normalise escapes (<c>"</c> travels as
/// <c>%22</c>, <c>%41</c> as <c>A</c>) without changing the decoded text, which is what Connect parses.
/// </summary>
internal sealed class ConnectRequest
{
    /// <summary>The <see cref="RelativeTarget"/> once built (logs and the transport ask for it on every attempt).</summary>
    private string? _relativeTarget;

    /// <summary>Creates a request.</summary>
    /// <param name="method">GET, POST, PUT or DELETE.</param>
    /// <param name="path">The path relative to the base URL, e.g. <c>requests/PR-1/approve</c>; already encoded.</param>
    /// <param name="query">The raw query string without '?', e.g. an RQL expression plus <c>&amp;limit=100</c>; already encoded.</param>
    /// <param name="body">The body, or null for none.</param>
    public ConnectRequest(HttpMethod method, string path, string? query = null, ConnectRequestBody? body = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        if (method != HttpMethod.Get && method != HttpMethod.Post && method != HttpMethod.Put && method != HttpMethod.Delete)
        {
            throw new ArgumentException($"HTTP method {method} is not used by the Connect API", nameof(method));
        }

        if (path.Contains('?', StringComparison.Ordinal))
        {
            throw new ArgumentException("the path must not contain '?': pass the query separately", nameof(path));
        }

        Method = method;
        Path = path.TrimStart('/');
        Query = string.IsNullOrEmpty(query) ? null : query.TrimStart('?');
        Body = body;
        Idempotent = method != HttpMethod.Post;
    }

    /// <summary>GET, POST, PUT or DELETE (the constructor refuses others); POST makes the request non-idempotent by default.</summary>
    public HttpMethod Method { get; }

    /// <summary>The path relative to the base URL, without a leading '/'.</summary>
    public string Path { get; }

    /// <summary>The raw query string without '?', or null.</summary>
    public string? Query { get; }

    /// <summary>The body, or null for none; every kind of body can be sent again on a retry.</summary>
    public ConnectRequestBody? Body { get; }

    /// <summary>
    /// Whether sending the request twice has the same effect as sending it once. Decides which failures are retried.
    /// Defaults to true for GET, PUT and DELETE and false for POST.
    /// </summary>
    public bool Idempotent { get; init; }

    /// <summary>The media type of Connect's answers and JSON bodies.</summary>
    public const string JsonMediaType = "application/json";

    /// <summary>The Accept header (default <c>application/json</c>; use <c>*/*</c> for file downloads).</summary>
    public string Accept { get; init; } = JsonMediaType;

    /// <summary>The request target appended to the base URL: path, '?', query; encoded as described on the type.</summary>
    internal string RelativeTarget => _relativeTarget ??= Query is null
        ? EncodeUnsafe(Path)
        : EncodeUnsafe(Path) + "?" + EncodeUnsafe(Query);

    /// <summary>Whether a Content-Type header names JSON (<c>application/json</c>, <c>application/problem+json</c>, with or without parameters).</summary>
    public static bool IsJson(string contentType)
    {
        var media = contentType.AsSpan();
        var parameters = media.IndexOf(';');
        media = (parameters < 0 ? media : media[..parameters]).Trim();
        return media.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || media.Equals("text/json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Method and path for messages and logs (the query is left out: it can be long).</summary>
    public override string ToString() => Method.Method + " /" + Path;

    /// <summary>
    /// Percent-encodes only what cannot travel as is: space, control characters, '#', non-ASCII (as UTF-8).
    /// Everything else, including existing %XX sequences and RQL punctuation, is kept as it is.
    /// </summary>
    internal static string EncodeUnsafe(string value)
    {
        if (!value.AsSpan().ContainsAnyExceptInRange('!', '~') && !value.Contains('#', StringComparison.Ordinal))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is > ' ' and < '\u007f' and not '#')
            {
                builder.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])
                ? Encoding.UTF8.GetBytes(value.AsSpan(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(value.AsSpan(i, 1), utf8);
            foreach (var b in utf8[..length])
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
