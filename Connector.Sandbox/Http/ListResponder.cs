using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Sandbox.Data;
using Connector.Sandbox.Rql;
using Microsoft.AspNetCore.Http;

namespace Connector.Sandbox.Http;

/// <summary>Answers list endpoints: RQL from the raw query string, limit (default 100, capped at 1000) and offset, Content-Range.</summary>
internal static class ListResponder
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>Parses the query string; on a syntax error writes the 400 and returns null.</summary>
    public static async Task<RqlQuery?> ParseAsync(HttpContext context)
    {
        try
        {
            return RqlParser.ParseRaw(context.Request.QueryString.Value);
        }
        catch (RqlSyntaxException ex)
        {
            await ConnectResponses.Validation(context, "rql: " + ex.Message).ConfigureAwait(false);
            return null;
        }
    }

    public static (int Limit, int Offset) Paging(RqlQuery query) =>
        (Math.Min(query.Limit ?? DefaultLimit, MaxLimit), query.Offset ?? 0);

    /// <summary>Lists a stored collection, optionally narrowed by an extra filter (for example a parent id).</summary>
    public static async Task CollectionAsync(HttpContext context, SandboxStore store, string name, RqlNode? scope = null)
    {
        var query = await ParseAsync(context).ConfigureAwait(false);
        if (query is null)
        {
            return;
        }

        if (scope is not null)
        {
            query.Filter = query.Filter is null ? scope : new RqlAnd([scope, query.Filter]);
        }

        var collection = store[name];
        var result = store.Select(collection, query);
        var (limit, offset) = Paging(query);
        var total = result.Count;
        var count = Math.Max(0, Math.Min(limit, total - offset));
        await ConnectResponses.List(context, offset, total, Page(collection, result, offset, count, query.SelectExcluded), count).ConfigureAwait(false);
    }

    private static IEnumerable<byte[]> Page(RecordCollection collection, QueryResult result, int offset, int count, List<string> excluded)
    {
        byte[]? Render(int k)
        {
            var record = collection.Get(result[offset + k]);
            return record is null ? null : excluded.Count == 0 ? record.Bytes : Project(record.Node, excluded);
        }

        if (collection.GeneratesOnRead && count > 16)
        {
            // Records of large collections are generated on read: build the page on every core.
            var pages = new byte[]?[count];
            Parallel.For(0, count, k => pages[k] = Render(k));
            return pages.OfType<byte[]>();
        }

        return Enumerable.Range(0, count).Select(Render).OfType<byte[]>();
    }

    /// <summary>Lists records computed in memory (sub-collections such as product items or versions).</summary>
    public static async Task InMemoryAsync(HttpContext context, IReadOnlyList<JsonObject> records, string shapeName)
    {
        var query = await ParseAsync(context).ConfigureAwait(false);
        if (query is null)
        {
            return;
        }

        var known = (string path) => path == "id" || ShapeCatalog.Instance.IsKnownPath(shapeName, path);
        var filter = RqlEvaluator.Prune(query.Filter, known);
        var ordering = query.Ordering.Where(o => known(o.Field)).ToList();
        var matching = records.Where(r => RqlEvaluator.Matches(r, filter)).ToList();
        if (ordering.Count > 0)
        {
            matching = [.. matching.Order(Comparer<JsonObject>.Create((a, b) => RqlEvaluator.Compare(a, b, ordering)))];
        }

        var (limit, offset) = Paging(query);
        var total = matching.Count;
        var count = Math.Max(0, Math.Min(limit, total - offset));
        var page = matching.Skip(offset).Take(count).Select(r => query.SelectExcluded.Count == 0 ? SandboxJson.Bytes(r) : Project(r, query.SelectExcluded));
        await ConnectResponses.List(context, offset, total, page, count).ConfigureAwait(false);
    }

    private static byte[] Project(JsonObject node, List<string> excluded)
    {
        var copy = node.DeepClone().AsObject();
        foreach (var path in excluded)
        {
            Json.Remove(copy, path);
        }

        return SandboxJson.Bytes(copy);
    }
}
