using System.Security.Cryptography;
using Connector.Core.Descriptors;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Core.Descriptors;

/// <summary>A validation cache lets a host skip the JSON Schema validation of content that passed it before; the other rules always run.</summary>
[TestFixture]
public sealed class DescriptorValidationCacheTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("descriptor-cache-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task A_valid_descriptor_is_remembered_under_a_key_of_its_content()
    {
        var cache = new RecordingCache(knowsEverything: false);
        var path = await CopyAsync("a.descriptor.json", _ => { });
        var edited = await CopyAsync("b.descriptor.json", d => d["label"] = "Another label");

        await DescriptorLoader.LoadAsync(path, cache, CancellationToken.None);
        await DescriptorLoader.LoadAsync(edited, cache, CancellationToken.None);

        Assert.That(cache.Remembered, Has.Count.EqualTo(2));
        Assert.That(cache.Remembered.All(k => k.Length == 64 && k.All(char.IsAsciiHexDigitLower)), Is.True, string.Join(", ", cache.Remembered));
        Assert.That(cache.Remembered[0], Is.Not.EqualTo(cache.Remembered[1]), "one changed value gives another key");
    }

    /// <summary>
    /// The key is SHA-256 over the embedded schema's SHA-256 and the file's exact bytes: markers remembered by an earlier
    /// build with the same schema still hit, and the file is read neither short nor padded.
    /// </summary>
    [Test]
    public async Task The_key_is_the_sha256_of_the_schema_hash_and_the_file_bytes()
    {
        var cache = new RecordingCache(knowsEverything: false);
        var path = await CopyAsync("a.descriptor.json", _ => { });

        await DescriptorLoader.LoadAsync(path, cache, CancellationToken.None);

        await using var schema = typeof(DescriptorLoader).Assembly.GetManifestResourceStream("Connector.Core.connector-descriptor.schema.json")!;
        var expected = SHA256.HashData([.. await SHA256.HashDataAsync(schema), .. await File.ReadAllBytesAsync(path)]);
        Assert.That(new FileInfo(path).Length, Is.GreaterThan(16384), "larger than one read chunk");
        Assert.That(cache.Remembered, Is.EqualTo(new[] { Convert.ToHexStringLower(expected) }));
    }

    [Test]
    public async Task Content_the_cache_knows_skips_the_schema_but_not_the_rules()
    {
        // An unknown property breaks only the schema; an undeclared operation field breaks a rule the schema cannot express.
        var schemaOnly = await CopyAsync("schema.descriptor.json", d => d["unknownProperty"] = 1);
        var ruleBroken = await CopyAsync("rule.descriptor.json", d => ((JArray)d["objectTypes"]![0]!["operations"]![0]!["fields"]!).Add("noSuchField"));

        var refused = await Assert.ThrowsAsync<InvalidDescriptorException>(() => DescriptorLoader.LoadAsync(schemaOnly, new RecordingCache(knowsEverything: false), CancellationToken.None));
        var loaded = await DescriptorLoader.LoadAsync(schemaOnly, new RecordingCache(knowsEverything: true), CancellationToken.None);
        var stillRefused = await Assert.ThrowsAsync<InvalidDescriptorException>(() => DescriptorLoader.LoadAsync(ruleBroken, new RecordingCache(knowsEverything: true), CancellationToken.None));

        Assert.That(refused!.Message, Does.Contain("unknownProperty"));
        Assert.That(loaded.Id, Is.EqualTo("cloudblue-connect"));
        Assert.That(stillRefused!.Message, Does.Contain("noSuchField"));
    }

    [Test]
    public async Task A_descriptor_with_problems_is_never_remembered()
    {
        var cache = new RecordingCache(knowsEverything: false);
        var broken = await CopyAsync("broken.descriptor.json", d => d["unknownProperty"] = 1);

        await Assert.ThrowsAsync<InvalidDescriptorException>(() => DescriptorLoader.LoadAsync(broken, cache, CancellationToken.None));

        Assert.That(cache.Remembered, Is.Empty);
    }

    /// <summary>Reading a descriptor for its content key is bounded: a device that never ends is refused, not read forever.</summary>
    [Test]
    public async Task A_device_given_as_descriptor_is_refused_after_a_bounded_read()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("/dev/zero is a Unix device");
        }

        var cache = new RecordingCache(knowsEverything: false);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var error = await Assert.ThrowsAsync<InvalidDescriptorException>(() => DescriptorLoader.LoadAsync("/dev/zero", cache, CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("larger than 16 MB"));
        Assert.That(GC.GetTotalAllocatedBytes(precise: true) - before, Is.LessThan(128L * 1024 * 1024));
        Assert.That(cache.Remembered, Is.Empty);
    }

    private async Task<string> CopyAsync(string name, Action<JObject> edit)
    {
        var json = JObject.Parse(await File.ReadAllTextAsync(TestPaths.Descriptor));
        json["openApi"] = Path.Combine(TestPaths.DescriptorDirectory, json.Value<string>("openApi")!);
        edit(json);
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, json.ToString());
        return path;
    }

    private sealed class RecordingCache(bool knowsEverything) : IDescriptorValidationCache
    {
        public List<string> Remembered { get; } = [];

        public bool IsValidated(string contentKey) => knowsEverything || Remembered.Contains(contentKey);

        public void RememberValidated(string contentKey) => Remembered.Add(contentKey);
    }
}
