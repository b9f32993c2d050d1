using Connector.Sandbox;

namespace Connector.Tests.Operations.AgainstSandbox;

/// <summary>Hands out sandbox records in a wanted state, never the same id twice (tests change state, so no two share an object).</summary>
public sealed class SandboxClaims(SandboxStore store)
{
    private readonly HashSet<string> claimed = new(StringComparer.Ordinal);

    /// <summary>The id of a record of <paramref name="collection"/> matching <paramref name="rql"/> that nobody claimed yet.</summary>
    public string Claim(string collection, string rql = "") => ClaimMany(collection, rql, 1)[0];

    /// <summary><paramref name="count"/> unclaimed ids of records matching <paramref name="rql"/>.</summary>
    public IReadOnlyList<string> ClaimMany(string collection, string rql, int count)
    {
        lock (claimed)
        {
            var ids = new List<string>(count);
            foreach (var record in store.Query(collection, rql))
            {
                var id = (string)record["id"]!;
                if (!claimed.Contains(id))
                {
                    ids.Add(id);
                    if (ids.Count == count)
                    {
                        claimed.UnionWith(ids);
                        return ids;
                    }
                }
            }

            throw new InvalidOperationException($"only {ids.Count} unclaimed record(s) in {collection} match '{rql}', {count} wanted");
        }
    }

    /// <summary>Marks an id (for example of a record a test created) as taken.</summary>
    public void Remember(string id)
    {
        lock (claimed)
        {
            claimed.Add(id);
        }
    }
}
