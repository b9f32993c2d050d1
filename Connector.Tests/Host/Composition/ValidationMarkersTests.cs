using Connector.Core.Descriptors;
using Connector.Core.Hosting;
using Connector.Host;
using NUnit.Framework;

namespace Connector.Tests.Host.Composition;

/// <summary>The command line remembers the start-up checks that passed (in a cache folder), and checks again when the input changes.</summary>
[TestFixture]
public sealed class ValidationMarkersTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("validation-markers-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void The_cache_folder_follows_the_usual_conventions()
    {
        string? Env(string name, Dictionary<string, string> values) => values.GetValueOrDefault(name);

        Assert.Multiple(() =>
        {
            Assert.That(ValidationMarkers.ForUser(n => Env(n, new() { ["HOME"] = "/home/u" })), Is.Not.Null);
            Assert.That(ValidationMarkers.ForUser(_ => null), Is.Null, "no HOME, no cache: every command checks");
        });
    }

    [Test]
    public void A_remembered_key_is_found_and_anything_else_is_not()
    {
        var markers = new ValidationMarkers(Path.Combine(_folder, "checked"));
        var key = new string('a', 64);

        Assert.That(markers.IsValidated(key), Is.False);
        markers.RememberValidated(key);
        markers.RememberValidated("../../escape");

        Assert.That(markers.IsValidated(key), Is.True);
        Assert.That(markers.IsValidated(new string('b', 64)), Is.False);
        Assert.That(Directory.GetFiles(Path.Combine(_folder, "checked")), Has.Length.EqualTo(1), "only well-formed keys become files");
        Assert.That(Directory.GetFiles(_folder, "*", SearchOption.AllDirectories).Select(Path.GetFileName), Has.None.EqualTo("escape"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(Path.Combine(_folder, "checked")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        }
    }

    [Test]
    public async Task A_file_key_changes_when_the_file_changes()
    {
        var path = Path.Combine(_folder, "derived.json");
        await File.WriteAllTextAsync(path, "{}");
        var before = ValidationMarkers.FileKey("derived OpenAPI data", path);
        await File.WriteAllTextAsync(path, "{ }");

        Assert.That(ValidationMarkers.FileKey("derived OpenAPI data", path), Is.Not.EqualTo(before));
        Assert.That(ValidationMarkers.FileKey("other purpose", path), Is.Not.EqualTo(ValidationMarkers.FileKey("derived OpenAPI data", path)));
    }

    [Test]
    public async Task A_command_remembers_its_passed_checks_and_a_changed_derived_file_is_checked_again()
    {
        var environment = new Dictionary<string, string> { [ValidationMarkers.FolderVariable] = _folder };
        var descriptorFolder = Path.Combine(_folder, "descriptor");
        CopyFolder(TestPaths.DescriptorDirectory, descriptorFolder);
        var descriptor = Path.Combine(descriptorFolder, "connect.descriptor.json");

        var first = await HostRun.RunAsync(string.Empty, environment, CancellationToken.None, "--descriptor", descriptor, "types");
        var markers = Directory.GetFiles(Path.Combine(_folder, "checked"));
        var derived = Directory.GetFiles(Path.Combine(descriptorFolder, "openapi"), "*.derived.json").Single();
        await File.WriteAllTextAsync(derived, "not json");
        var broken = await HostRun.RunAsync(string.Empty, environment, CancellationToken.None, "--descriptor", descriptor, "types");

        Assert.That(first.ExitCode, Is.EqualTo(ExitCodes.Success), first.ToString);
        Assert.That(markers, Has.Length.EqualTo(2), "the descriptor's schema validation and the derived data check");
        Assert.That(broken.ExitCode, Is.EqualTo(ExitCodes.Usage), broken.ToString);
        Assert.That(broken.Stderr, Does.Contain("'openApi' file"));
    }

    private static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
