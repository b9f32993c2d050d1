using Connector.Host;
using Connector.Host.Output;
using Connector.Sandbox;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Host.Output;

/// <summary>--out names downloads by object id and keeps their extension.</summary>
[TestFixture]
public sealed class DownloadTests
{
    private ConnectSandbox _sandbox = null!;
    private string _folder = null!;

    private string[] Connection => ["--url", _sandbox.BaseUrl.ToString(), "--api-key", SandboxOptions.DefaultApiKey];

    [OneTimeSetUp]
    public async Task StartSandbox() => _sandbox = await ConnectSandbox.StartAsync(new SandboxOptions { Port = 0, Seed = 42, RecordsPerType = 10 });

    [OneTimeTearDown]
    public async Task StopSandbox() => await _sandbox.DisposeAsync();

    [SetUp]
    public void CreateFolder() => _folder = Path.Combine(Path.GetTempPath(), "connector-downloads-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void DeleteFolder()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [TestCase("x.xlsx", 0, "x.xlsx")]
    [TestCase("x.xlsx", 1, "x.1.xlsx")]
    [TestCase("x.xlsx", 2, "x.2.xlsx")]
    [TestCase("x", 1, "x.1")]
    public void A_series_of_files_keeps_the_extension(string name, int n, string expected) =>
        Assert.That(DownloadTarget.Numbered(name, n), Is.EqualTo(expected));

    [Test]
    public async Task Into_a_folder_each_file_is_named_by_its_object_id_and_into_a_file_the_extension_is_kept()
    {
        var chunks = await HostRun.RunAsync([.. Connection, "query", "usage_chunk", "--max", "2"]);
        var ids = chunks.StdoutLines.Select(l => (string)JObject.Parse(l)["id"]!).ToList();
        Directory.CreateDirectory(_folder);

        var intoFolder = await HostRun.RunWithInputAsync(chunks.Stdout, [.. Connection, "exec", "usage_chunk", "DOWNLOAD", "--out", _folder]);
        var intoFile = await HostRun.RunWithInputAsync(chunks.Stdout, [.. Connection, "exec", "usage_chunk", "DOWNLOAD", "--out", Path.Combine(_folder, "files", "chunk.xlsx")]);

        Assert.That(intoFolder.ExitCode, Is.EqualTo(ExitCodes.Success), intoFolder.ToString);
        Assert.That(ids.Select(id => File.Exists(Path.Combine(_folder, id + ".xlsx"))), Is.All.True, intoFolder.ToString);
        Assert.That(intoFile.ExitCode, Is.EqualTo(ExitCodes.Success), intoFile.ToString);
        var files = Directory.GetFiles(Path.Combine(_folder, "files")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.That(files, Is.EqualTo(new[] { "chunk.1.xlsx", "chunk.xlsx" }));
    }
}
