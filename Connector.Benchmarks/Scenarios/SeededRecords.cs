using Connector.Benchmarks.Harness;
using Connector.Sandbox;

namespace Connector.Benchmarks.Scenarios;

/// <summary>Finds sandbox options that seed enough records in a given state, doubling the size until they do.</summary>
internal static class SeededRecords
{
    /// <summary>
    /// Starts probe sandboxes of growing size (<paramref name="options"/> of a size, first <paramref name="size"/>, then
    /// doubled), each in a child process as the scenarios run them, until <paramref name="rql"/> selects at least
    /// <paramref name="needed"/> records of <paramref name="collection"/>; returns those options, the first
    /// <paramref name="needed"/> ids, how many matched and the size.
    /// </summary>
    public static async Task<SeededSelection> FindAsync(
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
            await using var probe = await SandboxProcess.StartAsync(candidate, cancellationToken).ConfigureAwait(false);
            var answer = await probe.QueryAsync(collection, rql, needed, cancellationToken).ConfigureAwait(false);
            if (answer.Matching >= needed)
            {
                var ids = answer.Ids.Select(id => id ?? throw new InvalidOperationException($"a record of {collection} without an id")).ToArray();
                return new SeededSelection(candidate, collection, rql, ids, answer.Matching, size);
            }

            size *= 2;
        }
    }
}
