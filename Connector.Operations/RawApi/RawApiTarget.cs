using System.Globalization;
using Connector.Core.RawApi;

namespace Connector.Operations.RawApi;

/// <summary>
/// Where a raw request goes: the path (checked to stay under the API's base URL, so the key never travels elsewhere)
/// and the query (terms after a '?' in the path as written, <c>key=value</c> terms percent-encoded, other terms, such
/// as RQL expressions, as written). With paging, <c>limit</c> and <c>offset</c> become the page size and the first offset.
/// </summary>
internal sealed record RawApiTarget(HttpMethod Method, string Path, string Query, bool Paged, int PageSize, long StartOffset)
{
    /// <summary>The page size of a paged request that gives no limit.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>The largest page Connect serves (a bigger limit is capped silently).</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Reads and checks a request.</summary>
    /// <exception cref="ArgumentException">The method, path or a query term cannot be sent.</exception>
    public static RawApiTarget From(RawApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.Method.ToUpperInvariant();
        if (!RawApiRequest.Methods.Contains(method, StringComparer.Ordinal))
        {
            throw new ArgumentException($"the method '{request.Method}' is not one the Connect API uses: {string.Join(", ", RawApiRequest.Methods)}", nameof(request));
        }

        if (request.Paginate && method != "GET")
        {
            throw new ArgumentException($"paging follows a collection: only a GET can be paged, not a {method}", nameof(request));
        }

        var (path, written) = SplitPath(request.Path);
        var terms = written.Concat(request.QueryTerms.Select(Encode)).ToList();
        var pageSize = DefaultPageSize;
        long offset = 0;
        if (request.Paginate)
        {
            pageSize = (int)(TakeNumber(terms, "limit", 1, MaxPageSize) ?? DefaultPageSize);
            offset = TakeNumber(terms, "offset", 0, int.MaxValue) ?? 0;
        }

        return new RawApiTarget(new HttpMethod(method), path, string.Join('&', terms), request.Paginate, pageSize, offset);
    }

    private static (string Path, IEnumerable<string> Terms) SplitPath(string given)
    {
        var text = given.Trim();
        if (text.Contains("://", StringComparison.Ordinal) || text.StartsWith("//", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{text}' is a URL: give the path relative to the API URL (e.g. /requests/PR-1), the connection names the API", nameof(given));
        }

        var question = text.IndexOf('?', StringComparison.Ordinal);
        var path = (question < 0 ? text : text[..question]).Trim('/');
        var terms = question < 0 ? [] : text[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries);
        if (path.Length == 0)
        {
            throw new ArgumentException("the path is empty: give the endpoint's path relative to the API URL (e.g. /requests)", nameof(given));
        }

        foreach (var segment in path.Split('/'))
        {
            var decoded = Uri.UnescapeDataString(segment);
            if (decoded is "" or "." or ".." || decoded.Contains('\\', StringComparison.Ordinal))
            {
                throw new ArgumentException($"the path '{path}' has the segment '{segment}': a path must name an endpoint under the API URL", nameof(given));
            }
        }

        return (path, terms);
    }

    /// <summary><c>key=value</c> with both parts percent-encoded; a term without '=' (an RQL expression) as written.</summary>
    private static string Encode(string term)
    {
        var equals = term.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return term.Trim();
        }

        if (equals == 0)
        {
            throw new ArgumentException($"the query term '{term}' has no key (write key=value)", nameof(term));
        }

        return Uri.EscapeDataString(term[..equals].Trim()) + "=" + Uri.EscapeDataString(term[(equals + 1)..]);
    }

    /// <summary>Removes <c>name=N</c> from the terms and returns N (null when absent), checked against its range.</summary>
    private static long? TakeNumber(List<string> terms, string name, long min, long max)
    {
        long? value = null;
        for (var i = terms.Count - 1; i >= 0; i--)
        {
            var parts = terms[i].Split('=', 2);
            if (parts.Length != 2 || !string.Equals(parts[0], name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            value ??= long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                ? n
                : throw new ArgumentException($"{name}={parts[1]}: with paging, {name} must be a whole number from {min} to {max}", nameof(terms));
            terms.RemoveAt(i);
        }

        return value;
    }
}
