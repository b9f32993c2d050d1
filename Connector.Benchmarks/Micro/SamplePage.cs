using System.Text.Json.Nodes;
using Connector.Sandbox;

namespace Connector.Benchmarks.Micro;

/// <summary>A realistic page of records (1000 seeded sandbox assets) as the UTF-8 JSON array the API sends.</summary>
internal static class SamplePage
{
    public static async Task<byte[]> AssetsAsync(int count)
    {
        await using var sandbox = await ConnectSandbox.StartAsync(new SandboxOptions { Port = 0, Seed = 42, RecordsPerType = 200, AssetCount = count }).ConfigureAwait(false);
        var page = new JsonArray(sandbox.Store.Query("assets", "limit=" + count.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(r => (JsonNode)r).ToArray());
        return System.Text.Encoding.UTF8.GetBytes(page.ToJsonString());
    }
}
