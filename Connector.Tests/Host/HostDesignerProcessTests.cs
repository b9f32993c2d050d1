using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Connector.Designer.Security;
using Connector.Host;
using Connector.Sandbox;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Host;

/// <summary>
/// <c>connector designer --no-open --port 0</c> as a real child process on its embedded sandbox: the tokened address
/// on stderr, the API with and without the token, and a clean stop on SIGTERM that frees the port.
/// </summary>
[TestFixture]
[Category("Designer")]
[NonParallelizable]
public sealed partial class HostDesignerProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Test]
    public async Task The_designer_prints_its_tokened_address_serves_the_api_with_the_token_only_and_stops_on_SIGTERM()
    {
        using var designer = ConnectorProcess.Start("designer", "--no-open", "--port", "0");
        designer.Process.StandardInput.Close();
        var line = await designer.WaitForStderrLineAsync(l => l.StartsWith("designer running at ", StringComparison.Ordinal), Patience);
        var match = LaunchUrl().Match(line);
        Assert.That(match.Success, Is.True, line);
        var root = new Uri(match.Groups["root"].Value);
        var token = match.Groups["token"].Value;
        Assert.That(root.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(root.Port, Is.GreaterThan(0), "--port 0 picks a free port and prints it");
        Assert.That(designer.Stderr, Does.Contain("using the embedded sandbox at http://127.0.0.1:"));

        using var http = new HttpClient { BaseAddress = root, Timeout = Patience };
        using (var page = await http.GetAsync("/"))
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("assets/app.js"));
        }

        using (var anonymous = await http.GetAsync("api/types"))
        {
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        using (var wrong = new HttpRequestMessage(HttpMethod.Get, "api/types"))
        {
            wrong.Headers.Add(RequestGuard.TokenHeader, "not-" + token);
            using var refused = await http.SendAsync(wrong);
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        using (var call = new HttpRequestMessage(HttpMethod.Get, "api/info"))
        {
            call.Headers.Add(RequestGuard.TokenHeader, token);
            using var answer = await http.SendAsync(call);
            var body = await answer.Content.ReadAsStringAsync();
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            var info = JObject.Parse(body);
            Assert.That((string?)info["connection"], Does.StartWith("embedded sandbox at http://127.0.0.1:"));
            Assert.That(body, Does.Not.Contain(SandboxOptions.DefaultApiKey), "the connection's key stays in the process");
        }

        using (var types = new HttpRequestMessage(HttpMethod.Get, "api/types"))
        {
            types.Headers.Add(RequestGuard.TokenHeader, token);
            using var answer = await http.SendAsync(types);
            var list = JArray.Parse(await answer.Content.ReadAsStringAsync());
            Assert.That(list.Select(t => (string?)t["id"]), Does.Contain("request").And.Contain("asset"));
        }

        designer.Signal("TERM");
        var exit = await designer.WaitForExitAsync(Patience);

        Assert.That(exit, Is.EqualTo(ExitCodes.Terminated), designer.Stderr);
        Assert.That(designer.Stderr, Does.Contain("designer stopped"));
        Assert.That(designer.Stderr, Does.Not.Contain("Exception").And.Not.Contain("   at "), "no stack trace on the way out");
        Assert.That(await AcceptsConnectionsAsync(root), Is.False, "the port is released");
    }

    private static async Task<bool> AcceptsConnectionsAsync(Uri root)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, root.Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"designer running at (?<root>http://127\.0\.0\.1:\d+/)\?token=(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex LaunchUrl();
}
