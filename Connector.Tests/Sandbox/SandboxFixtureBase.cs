using System.Text.Json.Nodes;
using Connector.Operations.Usage;
using Connector.Sandbox;
using NUnit.Framework;

namespace Connector.Tests.Sandbox;

/// <summary>Starts one small sandbox per fixture and hands out records in a wanted state.</summary>
public abstract class SandboxFixtureBase
{
    private readonly HashSet<string> taken = new(StringComparer.Ordinal);

    /// <summary>The running sandbox.</summary>
    protected ConnectSandbox Sandbox { get; private set; } = null!;

    /// <summary>An authenticated raw client.</summary>
    internal SandboxClient Client { get; private set; } = null!;

    /// <summary>A template of a seeded product: actions that name a template need one that exists.</summary>
    protected string Template => Sandbox.Store.World.TemplateId(0, 0);

    /// <summary>Options of the fixture's sandbox.</summary>
    protected virtual SandboxOptions Options => new() { RecordsPerType = 40 };

    /// <summary>Starts the sandbox.</summary>
    [OneTimeSetUp]
    public async Task StartSandboxAsync()
    {
        Sandbox = await ConnectSandbox.StartAsync(Options);
        Client = new SandboxClient(Sandbox);
    }

    /// <summary>Stops the sandbox.</summary>
    [OneTimeTearDown]
    public async Task StopSandboxAsync()
    {
        Client.Dispose();
        await Sandbox.DisposeAsync();
    }

    /// <summary>The id of a record matching <paramref name="rql"/> that no other test of the fixture took yet.</summary>
    protected string Take(string collection, string rql = "")
    {
        lock (taken)
        {
            foreach (var record in Sandbox.Store.Query(collection, rql))
            {
                var id = (string)record["id"]!;
                if (taken.Add(id))
                {
                    return id;
                }
            }
        }

        Assert.Fail($"No free record in {collection} matching {rql}.");
        return string.Empty;
    }

    /// <summary>A record as the store holds it now.</summary>
    protected JsonObject Record(string collection, string id) =>
        Sandbox.Store.Get(collection, id) ?? throw new AssertionException($"{collection} {id} does not exist.");

    /// <summary>A valid usage spreadsheet with <paramref name="count"/> rows for an asset of the sandbox (of <paramref name="forFile"/>'s product when given).</summary>
    internal async Task<byte[]> UsageWorkbookAsync(int count, bool breakOneRow = false, string? forFile = null)
    {
        var asset = Record("assets", forFile is null
            ? Take("assets", "eq(status,active)")
            : (string)Sandbox.Store.Query("assets", $"eq(product.id,{(string)Record("usage_files", forFile)["product"]!["id"]!})&limit=1")[0]["id"]!);
        var productId = (string)asset["product"]!["id"]!;
        var (_, items) = await Client.GetAsync($"products/{productId}/items");
        var mpn = (string)items!.AsArray()[0]!["mpn"]!;
        var start = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var rows = Enumerable.Range(0, count).Select(i => new UsageRow
        {
            RecordId = "rec-" + i,
            ItemSearchValue = mpn,
            AssetSearchValue = breakOneRow && i == 1 ? "AS-9999-9999-9999" : (string)asset["id"]!,
            Quantity = i + 1,
            Amount = 2.5m,
            StartTimeUtc = start.AddDays(i),
            EndTimeUtc = start.AddDays(i + 1),
        });
        using var buffer = new MemoryStream();
        UsageSpreadsheet.Write(buffer, rows);
        return buffer.ToArray();
    }
}
