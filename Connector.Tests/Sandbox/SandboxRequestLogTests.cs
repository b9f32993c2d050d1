using NUnit.Framework;

namespace Connector.Tests.Sandbox;

/// <summary>The request log holds a request's entry, with its final status, as soon as the client has the answer.</summary>
[TestFixture]
[Category("Sandbox")]
public sealed class SandboxRequestLogTests : SandboxFixtureBase
{
    /// <inheritdoc/>
    protected override Connector.Sandbox.SandboxOptions Options => new() { RecordsPerType = 40, AssetCount = 1000 };

    /// <summary>
    /// Reading the log the moment the answer's headers arrive (the earliest a client can look) always finds the entry:
    /// it is written before the answer starts, not after the body is sent.
    /// </summary>
    [Test]
    public async Task The_entry_is_logged_before_the_client_sees_the_answer()
    {
        var accepted = Take("usage_files", "eq(status,accepted)");
        var missing = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForAsync(0, 800, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
        {
            var marker = "call" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"usage/files/{accepted}/accept?marker={marker}")
            {
                Content = new StringContent("""{"acceptance_note":"ok"}""", System.Text.Encoding.UTF8, "application/json"),
            };
            using var response = await Client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            if (!Sandbox.RequestLog.Entries.Any(e => e.RawQuery == "marker=" + marker && e.Status == (int)response.StatusCode))
            {
                missing.Add(marker);
            }
        });
        Assert.That(missing, Is.Empty, "answers the log did not hold yet when the client had them");
    }

    /// <summary>
    /// A long answer the client has not read yet (only its headers): the entry is already there, so a log read never
    /// depends on how far the server got writing the body.
    /// </summary>
    [Test]
    public async Task A_long_answer_is_logged_while_its_body_is_still_being_sent()
    {
        var before = Sandbox.RequestLog.Count;
        using var response = await Client.Http.GetAsync("assets?limit=1000&marker=long", HttpCompletionOption.ResponseHeadersRead);
        var entries = Sandbox.RequestLog.Entries.Skip(before).ToList();
        Assert.That(entries.Select(e => (e.RawQuery, e.Status)), Is.EqualTo(new[] { ("limit=1000&marker=long", 200) }));
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.That(body, Has.Length.GreaterThan(4 * 1024 * 1024), "a body of several megabytes");
    }

    /// <summary>An answer with no body (204) is logged with its status too.</summary>
    [Test]
    public async Task An_answer_without_a_body_is_logged_with_its_status()
    {
        var before = Sandbox.RequestLog.Count;
        var inquiring = Take("tier_config_requests", "eq(status,inquiring)");
        using var response = await Client.SendAsync(HttpMethod.Post, $"tier/config-requests/{inquiring}/pend");
        var entries = Sandbox.RequestLog.Entries.Skip(before).ToList();
        Assert.That(entries.Select(e => (e.Path, e.Status)), Is.EqualTo(new[] { ($"/public/v1/tier/config-requests/{inquiring}/pend", (int)response.StatusCode) }));
    }
}
