using Connector.Core.Endpoints;
using NUnit.Framework;

namespace Connector.Tests.Core.Endpoints;

/// <summary>The cheap start-up check of a derived data file agrees with what a full load accepts, and never quotes the file.</summary>
[TestFixture]
public sealed class ApiCatalogCheckTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("derived-check-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task The_shipped_derived_data_passes()
    {
        var descriptor = await Connector.Core.Descriptors.DescriptorLoader.LoadAsync(TestPaths.Descriptor, CancellationToken.None);
        await Assert.DoesNotThrowAsync(() => ApiCatalog.CheckFileAsync(descriptor.OpenApiPath!, CancellationToken.None));
    }

    [TestCase("", "empty or not a regular file")]
    [TestCase("root:TOPSECRET:0:0", "not valid JSON")]
    [TestCase("[1, 2]", "needs 'endpoints' and 'definitions'")]
    [TestCase("""{"endpoints": [], "definitions": []}""", "needs 'endpoints' and 'definitions'")]
    [TestCase("""{"endpoints": [""", "not valid JSON")]
    public async Task What_is_not_derived_data_is_refused_naming_the_file_not_its_content(string content, string reason)
    {
        var path = Path.Combine(_folder, "notes.txt");
        await File.WriteAllTextAsync(path, content);

        var error = await Assert.ThrowsAsync<FormatException>(() => ApiCatalog.CheckFileAsync(path, CancellationToken.None));
        var load = await Assert.CatchAsync(() => ApiCatalog.LoadAsync(path, CancellationToken.None));

        Assert.That(error!.Message, Does.Contain(path).And.Contain(reason).And.Not.Contain("TOPSECRET"));
        Assert.That(load, Is.Not.Null, "a full load refuses it too");
    }

    [Test]
    public async Task The_check_refuses_exactly_what_the_load_refuses_for_nesting()
    {
        // The root and the definitions are two levels; 62 nested arrays make 64, the most a load allows.
        static string Nested(int arrays) => """{"endpoints": [], "definitions": {"a": """ + new string('[', arrays) + new string(']', arrays) + "}}";
        var path = Path.Combine(_folder, "nested.json");

        await File.WriteAllTextAsync(path, Nested(62));
        await Assert.DoesNotThrowAsync(() => ApiCatalog.CheckFileAsync(path, CancellationToken.None));
        await Assert.DoesNotThrowAsync(() => ApiCatalog.LoadAsync(path, CancellationToken.None));

        await File.WriteAllTextAsync(path, Nested(63));
        var check = await Assert.ThrowsAsync<FormatException>(() => ApiCatalog.CheckFileAsync(path, CancellationToken.None));
        var load = await Assert.ThrowsAsync<FormatException>(() => ApiCatalog.LoadAsync(path, CancellationToken.None));

        Assert.That(check!.Message, Is.EqualTo(load!.Message), "the quick check at start-up and the load give the same message");
    }

    [Test]
    public async Task A_device_is_refused_without_reading_it()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("/dev/zero is a Unix device");
        }

        var error = await Assert.ThrowsAsync<FormatException>(() => ApiCatalog.CheckFileAsync("/dev/zero", CancellationToken.None));
        var load = await Assert.ThrowsAsync<FormatException>(() => ApiCatalog.LoadAsync("/dev/zero", CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("empty or not a regular file"));
        Assert.That(load!.Message, Does.Contain("/dev/zero"), "a full load reads the file's size, not the endless device");
    }

    [Test]
    public async Task A_full_load_refuses_a_file_beyond_the_size_bound_without_reading_it()
    {
        var path = Path.Combine(_folder, "huge.derived.json");
        await using (var sparse = File.Create(path))
        {
            sparse.SetLength(257L * 1024 * 1024);
        }

        var error = await Assert.ThrowsAsync<FormatException>(() => ApiCatalog.LoadAsync(path, CancellationToken.None));

        Assert.That(error!.Message, Does.Contain(path).And.Contain("larger than 256 MB"));
    }
}
