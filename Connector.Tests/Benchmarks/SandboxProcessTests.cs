using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using NUnit.Framework;
using Connector.Benchmarks.Harness;
using Connector.Sandbox;

namespace Connector.Tests.Benchmarks;

/// <summary>
/// The paired scenarios' out-of-process sandbox: the child starts and serves HTTP, answers store queries and the
/// request log, resets its sandbox's data to the seed, reports its CPU, and is gone once disposed.
/// </summary>
[TestFixture]
public sealed class SandboxProcessTests
{
    private static readonly SandboxOptions Small = new() { Seed = 42, RecordsPerType = 40, AssetCount = 50, RequestLogCapacity = 100 };

    [Test]
    public async Task A_child_sandbox_serves_answers_queries_and_its_request_log_resets_and_exits_when_disposed()
    {
        int pid;
        await using (var child = await SandboxProcess.StartAsync(Small, CancellationToken.None))
        {
            pid = child.ProcessId;
            Assert.That(pid, Is.Not.EqualTo(Environment.ProcessId));

            var pending = await child.QueryAsync("requests", "eq(status,pending)", 3, CancellationToken.None);
            Assert.That(pending.Matching, Is.GreaterThanOrEqualTo(3));
            Assert.That(pending.Ids, Has.Count.EqualTo(3).And.All.StartWith("PR-"));

            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, child.BaseUrl + "/requests/" + pending.Ids[0]);
            request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", SandboxOptions.DefaultApiKey);
            using (var response = await http.SendAsync(request))
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(pending.Ids[0]));
            }

            var log = await child.GetRequestLogAsync(CancellationToken.None);
            Assert.That(log.Select(e => (e.Method, e.Path, e.Status)), Is.EqualTo(new[] { ("GET", "/public/v1/requests/" + pending.Ids[0], 200) }));
            Assert.That(child.ProcessorTime, Is.GreaterThan(TimeSpan.Zero));

            await child.ClearRequestLogAsync(CancellationToken.None);
            Assert.That(await child.GetRequestLogAsync(CancellationToken.None), Is.Empty);

            using (var approve = new HttpRequestMessage(HttpMethod.Post, child.BaseUrl + "/requests/" + pending.Ids[0] + "/approve"))
            {
                approve.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", SandboxOptions.DefaultApiKey);
                approve.Content = new StringContent("""{"template_id":"TL-0042-0000-0000-01"}""", System.Text.Encoding.UTF8, "application/json");
                using var response = await http.SendAsync(approve);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            }

            Assert.That((await child.QueryAsync("requests", "eq(status,pending)", 3, CancellationToken.None)).Matching, Is.EqualTo(pending.Matching - 1));
            var counted = await child.QueryAsync("requests", "eq(status,pending)", 0, CancellationToken.None);
            Assert.That((counted.Matching, counted.Ids.Count), Is.EqualTo((pending.Matching - 1, 0)), "a take of 0 only counts");
            await child.CollectGarbageAsync(CancellationToken.None);
            await child.ResetAsync(CancellationToken.None);
            var again = await child.QueryAsync("requests", "eq(status,pending)", 3, CancellationToken.None);
            Assert.That(again, Is.EqualTo(pending).Using<SandboxQueryAnswer>((a, b) => a.Matching == b.Matching && a.Ids.SequenceEqual(b.Ids)), "the seeded data again after a reset");
            Assert.That(await child.GetRequestLogAsync(CancellationToken.None), Is.Empty, "a reset empties the request log");
            using (var afterReset = new HttpRequestMessage(HttpMethod.Get, child.BaseUrl + "/requests/" + pending.Ids[0]))
            {
                afterReset.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", SandboxOptions.DefaultApiKey);
                using var response = await http.SendAsync(afterReset);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                var answer = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                Assert.That((string?)answer["status"], Is.EqualTo("pending"), "the approved request is pending again");
            }

            Assert.That(await child.GetRequestLogAsync(CancellationToken.None), Has.Count.EqualTo(1), "the log holds only the request made since the reset");
        }

        Assert.That(IsRunning(pid), Is.False, "the child must not outlive its dispose");
    }

    [Test]
    public async Task A_command_the_child_cannot_do_is_an_error_naming_it_and_the_child_keeps_answering()
    {
        await using var child = await SandboxProcess.StartAsync(Small, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => child.QueryAsync("no_such_collection", string.Empty, 1, CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("no_such_collection"));

        var assets = await child.QueryAsync("assets", string.Empty, 0, CancellationToken.None);
        Assert.That(assets.Matching, Is.EqualTo(50));
        Assert.That(assets.Ids, Is.Empty);
    }

    [Test]
    public void A_child_is_refused_options_it_cannot_carry_over_its_command_line()
    {
        var faulty = new SandboxOptions { Faults = [new FaultRule { Kind = FaultKind.ServiceUnavailable503 }] };

        Assert.Throws<ArgumentException>(() => SandboxChild.Arguments(faulty));
        Assert.Throws<ArgumentException>(() => SandboxChild.Options(new Dictionary<string, string> { ["asset-count"] = "many" }));
        Assert.That(SandboxChild.Options(new Dictionary<string, string> { ["usage-record-count"] = "7", ["seed"] = "3" }), Has.Property(nameof(SandboxOptions.UsageRecordCount)).EqualTo(7).And.Property(nameof(SandboxOptions.Seed)).EqualTo(3));
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
