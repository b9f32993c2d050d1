using System.Net;
using System.Net.Http.Headers;
using Connector.Host;
using Connector.Sandbox;
using NUnit.Framework;

namespace Connector.Tests.Host;

/// <summary>
/// <c>connector sandbox --port 0</c> as a real child process: the variables to export on stdout, and on stderr the
/// address that puts its data back as seeded, which does so without a restart.
/// </summary>
[TestFixture]
[Category("Sandbox")]
[NonParallelizable]
public sealed class HostSandboxProcessTests
{
    private const string ResetHint = "to put its data back as seeded without a restart: curl -X POST ";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Test]
    public async Task The_sandbox_prints_where_to_reset_it_and_a_reset_there_brings_a_deleted_record_back()
    {
        using var sandbox = ConnectorProcess.Start("sandbox", "--port", "0", "--records", "40");
        sandbox.Process.StandardInput.Close();
        var line = await sandbox.WaitForStderrLineAsync(l => l.StartsWith(ResetHint, StringComparison.Ordinal), Patience);
        var reset = new Uri(line[ResetHint.Length..]);
        Assert.That((reset.Host, reset.AbsolutePath), Is.EqualTo(("127.0.0.1", "/_sandbox/reset")));

        using var http = new HttpClient { BaseAddress = new Uri(reset, "/public/v1/"), Timeout = Patience };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", SandboxOptions.DefaultApiKey);
        var first = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("tier/accounts?limit=1"))!.AsArray().Single()!;
        var account = "tier/accounts/" + (string)first["id"]!;
        Assert.That(await StatusAsync(http, HttpMethod.Get, account), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusAsync(http, HttpMethod.Delete, account), Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await StatusAsync(http, HttpMethod.Get, account), Is.EqualTo(HttpStatusCode.NotFound));

        Assert.That(await StatusAsync(http, HttpMethod.Post, reset.ToString()), Is.EqualTo(HttpStatusCode.NoContent));

        Assert.That(await StatusAsync(http, HttpMethod.Get, account), Is.EqualTo(HttpStatusCode.OK), "the deleted account is back");
        sandbox.Signal("TERM");
        Assert.That(await sandbox.WaitForExitAsync(Patience), Is.EqualTo(ExitCodes.Terminated), sandbox.Stderr);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, HttpMethod method, string address)
    {
        using var request = new HttpRequestMessage(method, address);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
