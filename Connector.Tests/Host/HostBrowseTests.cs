using Connector.Host;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Host;

/// <summary>types, describe and schema: design time, no connection (and no sandbox) needed.</summary>
[TestFixture]
public sealed class HostBrowseTests
{
    [Test]
    public async Task Types_lists_every_object_type_and_filters_by_operation()
    {
        var all = await HostRun.RunAsync("types", "--json");
        var approvable = await HostRun.RunAsync("types", "--operation", "approve", "--json");

        Assert.That(all.ExitCode, Is.EqualTo(ExitCodes.Success), all.ToString);
        var ids = all.StdoutLines.Select(l => (string?)JObject.Parse(l)["id"]).ToList();
        Assert.That(ids, Is.EquivalentTo(MatrixEntry.All.Select(e => e.ObjectType).Distinct()));
        Assert.That(approvable.StdoutLines.Select(l => (string?)JObject.Parse(l)["id"]), Does.Contain("request").And.Not.Contain("asset"));
        Assert.That(all.Stderr, Does.Not.Contain("sandbox"));
    }

    [Test]
    public async Task Describe_shows_operations_actions_fields_and_filterable_fields()
    {
        var json = await HostRun.RunAsync("describe", "Request", "--json");
        var text = await HostRun.RunAsync("describe", "request");

        Assert.That(json.ExitCode, Is.EqualTo(ExitCodes.Success), json.ToString);
        var description = JObject.Parse(json.StdoutLines.Single());
        Assert.That(description["operations"]!.Select(o => (string?)o["name"]), Does.Contain("APPROVE").And.Contain("QUERY"));
        var approve = description["operations"]!.Single(o => (string?)o["name"] == "APPROVE");
        Assert.That((string?)approve["endpoint"], Is.EqualTo("POST /requests/{id}/approve"));
        Assert.That(approve["fields"]!.Select(f => (string?)f["id"]), Does.Contain("objectId"));
        var status = description["filterableFields"]!.Single(f => (string?)f["name"] == "status");
        Assert.That(status["operators"]!.Select(o => (string?)o), Does.Contain("eq").And.Contain("in"));
        Assert.That(description["sortableFields"]!.Select(f => (string?)f), Is.Not.Empty);
        Assert.That(text.Stdout, Does.Contain("operations and actions:").And.Contain("filterable fields"));
    }

    [Test]
    public async Task Schema_prints_the_json_schema_of_a_role_and_a_marker_for_files()
    {
        var output = await HostRun.RunAsync("schema", "request", "get");
        var input = await HostRun.RunAsync("schema", "request", "APPROVE", "--role", "input");
        var binary = await HostRun.RunAsync("schema", "usage_chunk", "DOWNLOAD");

        Assert.That(output.ExitCode, Is.EqualTo(ExitCodes.Success), output.ToString);
        Assert.That((string?)JObject.Parse(output.Stdout)["type"], Is.EqualTo("object"));
        Assert.That(JObject.Parse(input.Stdout)["properties"]!["template"] ?? JObject.Parse(input.Stdout)["properties"]!["template_id"], Is.Not.Null, input.ToString);
        Assert.That(binary.ExitCode, Is.EqualTo(ExitCodes.Success), binary.ToString);
        Assert.That(binary.Stdout.Trim(), Is.EqualTo("{\"contentType\":\"BINARY\"}"));
        Assert.That(binary.Stderr, Does.Contain("binary"));
    }

    [Test]
    public async Task Schema_of_an_unknown_action_exits_2_listing_the_valid_ones()
    {
        var run = await HostRun.RunAsync("schema", "usage_report", "DOWNLOAD");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Stderr, Does.Contain("valid operations: GET, QUERY"));
    }
}
