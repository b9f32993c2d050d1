using Connector.Host;
using Connector.Sandbox;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NUnit.Framework;

namespace Connector.Tests.Host;

/// <summary><c>schema OBJECT OPERATION --learn</c>: samples on stdin or from a query of the sandbox.</summary>
[TestFixture]
public sealed class HostSchemaLearnTests
{
    private const string Samples =
        "{\"id\":\"PR-1\",\"answered\":{\"text\":\"hello\"},\"x_custom\":{\"level\":2}}\n"
        + "\n"
        + "{\"id\":\"PR-2\",\"answered\":false,\"x_custom\":{\"level\":\"high\"}}\n";

    private ConnectSandbox _sandbox = null!;

    [OneTimeSetUp]
    public async Task StartSandbox() => _sandbox = await ConnectSandbox.StartAsync(new SandboxOptions { Port = 0, Seed = 42, RecordsPerType = 200 });

    [OneTimeTearDown]
    public async Task StopSandbox() => await _sandbox.DisposeAsync();

    [Test]
    public async Task Learn_widens_the_documented_profile_with_stdin_samples_deterministically()
    {
        var first = await HostRun.RunWithInputAsync(Samples, "schema", "request", "GET", "--learn");
        var second = await HostRun.RunWithInputAsync(Samples, "schema", "request", "GET", "--learn");

        Assert.That(first.ExitCode, Is.EqualTo(ExitCodes.Success), first.ToString);
        var schema = JObject.Parse(first.Stdout);
        var custom = schema["properties"]!["x_custom"]!;
        Assert.That((bool?)custom["x-observed"], Is.True);
        Assert.That(custom["properties"]!["level"]!["type"]!.ToObject<string[]>(), Is.EqualTo(new[] { "string", "integer" }));
        var note = (JArray)schema["properties"]!["answered"]!["anyOf"]!;
        Assert.That((bool?)note[1]["x-observed"], Is.True, "a documented boolean sent as an object becomes anyOf of both");
        Assert.That(note[1]["properties"]!["text"], Is.Not.Null);
        Assert.That(schema["properties"]!["status"], Is.Not.Null, "documented fields stay");
        Assert.That(first.Stderr, Does.Contain("learned from 2 sample(s)").And.Contain("x_custom: new field"));
        Assert.That(second.Stdout, Is.EqualTo(first.Stdout));
        var validator = await JsonSchema.FromJsonAsync(first.Stdout);
        foreach (var line in Samples.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.That(validator.Validate(line), Is.Empty, line);
        }
    }

    [Test]
    public async Task A_sample_line_that_is_not_a_json_object_exits_2_naming_the_line()
    {
        var run = await HostRun.RunWithInputAsync("{\"id\":\"PR-1\"}\n[\"PR-2\"]\n", "schema", "request", "GET", "--learn");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Stderr, Does.Contain("line 2 is not a JSON object"));
        Assert.That(run.Stdout, Is.Empty);
    }

    [Test]
    public async Task From_query_takes_n_records_of_the_object_from_the_connection()
    {
        var run = await HostRun.RunAsync(["--url", _sandbox.BaseUrl.ToString(), "--api-key", SandboxOptions.DefaultApiKey, "schema", "request", "GET", "--learn", "--from-query", "50"]);
        var records = await HostRun.RunAsync(["--url", _sandbox.BaseUrl.ToString(), "--api-key", SandboxOptions.DefaultApiKey, "query", "request", "--max", "50"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That(run.Stderr, Does.Contain("learned from 50 sample(s)"));
        var validator = await JsonSchema.FromJsonAsync(run.Stdout);
        Assert.That(records.StdoutLines, Has.Count.EqualTo(50));
        foreach (var record in records.StdoutLines)
        {
            Assert.That(validator.Validate(record), Is.Empty, record);
        }
    }

    [Test]
    public async Task From_query_needs_learn_and_a_positive_count()
    {
        var withoutLearn = await HostRun.RunAsync("schema", "request", "GET", "--from-query", "5");
        var zero = await HostRun.RunAsync(["--url", _sandbox.BaseUrl.ToString(), "--api-key", SandboxOptions.DefaultApiKey, "schema", "request", "GET", "--learn", "--from-query", "0"]);
        var binary = await HostRun.RunWithInputAsync("{}\n", "schema", "usage_chunk", "DOWNLOAD", "--learn");

        Assert.That(withoutLearn.ExitCode, Is.EqualTo(ExitCodes.Usage), withoutLearn.ToString);
        Assert.That(withoutLearn.Stderr, Does.Contain("give --learn too"));
        Assert.That(zero.ExitCode, Is.EqualTo(ExitCodes.Usage), zero.ToString);
        Assert.That(binary.ExitCode, Is.EqualTo(ExitCodes.Usage), binary.ToString);
        Assert.That(binary.Stderr, Does.Contain("no profile to learn"));
    }
}
