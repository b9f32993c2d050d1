using Connector.Sandbox;

namespace Connector.Benchmarks.Scenarios;

/// <summary>Finds sandbox options that seed enough records in a given state, doubling the size until they do.</summary>
internal static class SeededRecords
{
    /// <summary>
    /// Starts probe sandboxes of growing size (<paramref name="options"/> of a size, first <paramref name="size"/>, then
    /// doubled) until <paramref name="rql"/> selects at least <paramref name="needed"/> records of
    /// <paramref name="collection"/>; returns those options, the first <paramref name="needed"/> ids and how many matched.
    /// </summary>
    public static async Task<(SandboxOptions Options, string[] Ids, int Matching, int Size)> FindAsync(
        Func<int, SandboxOptions> options,
        int size,
        string collection,
        string rql,
        int needed,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            var candidate = options(size);
            await using var probe = await ConnectSandbox.StartAsync(candidate, cancellationToken).ConfigureAwait(false);
            var matching = probe.Store.Query(collection, rql);
            if (matching.Count >= needed)
            {
                return (candidate, matching.Take(needed).Select(r => (string)r["id"]!).ToArray(), matching.Count, size);
            }

            size *= 2;
        }
    }
}
