using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Operations;
using NUnit.Framework;

namespace Connector.Tests.Operations;

[TestFixture]
public sealed class ConnectOperationFactoryTests
{
    private static readonly Dictionary<string, string?> Connection = new() { ["url"] = "http://127.0.0.1:9/public/v1", ["apiKey"] = "SU-1:convention-secret" };
    private ConnectConnector _connector = null!;

    [OneTimeSetUp]
    public async Task Create() => _connector = new ConnectConnector(await DescriptorLoader.LoadAsync(TestPaths.Descriptor, CancellationToken.None));

    [OneTimeTearDown]
    public void Dispose() => _connector.Dispose();

    [TestCaseSource(typeof(MatrixEntry), nameof(MatrixEntry.All))]
    public void Every_matrix_entry_builds_an_operation(MatrixEntry entry)
    {
        var context = OperationContext.Create(_connector.Descriptor, entry.ObjectType, entry.OperationName, Connection);
        Assert.That(_connector.CreateOperation(context), Is.Not.Null);
    }

    [Test]
    public void A_bad_connection_is_a_configuration_error_naming_the_field()
    {
        var context = OperationContext.Create(_connector.Descriptor, "asset", "GET", new Dictionary<string, string?> { ["url"] = "http://connect.example.com/public/v1", ["apiKey"] = "SU-1:convention-secret" });
        Assert.That(
            () => _connector.CreateOperation(context),
            Throws.TypeOf<InvalidPropertyException>().With.Message.Contains("url").And.Message.Contains("http").And.Message.Not.Contains("convention-secret"));
        var noKey = OperationContext.Create(_connector.Descriptor, "asset", "GET", new Dictionary<string, string?> { ["url"] = "https://api.connect.cloudblue.com/public/v1" });
        Assert.That(() => _connector.CreateOperation(noKey), Throws.TypeOf<InvalidPropertyException>().With.Property(nameof(InvalidPropertyException.PropertyId)).EqualTo("apiKey"));
        var notUrl = OperationContext.Create(_connector.Descriptor, "asset", "GET", new Dictionary<string, string?> { ["url"] = "connect", ["apiKey"] = "k" });
        Assert.That(() => _connector.CreateOperation(notUrl), Throws.TypeOf<InvalidPropertyException>().With.Message.Contains("not an absolute URL"));
    }

    [Test]
    public void Plain_http_to_a_remote_host_is_allowed_only_when_asked()
    {
        var context = OperationContext.Create(
            _connector.Descriptor,
            "asset",
            "GET",
            new Dictionary<string, string?> { ["url"] = "http://connect.example.com/public/v1", ["apiKey"] = "SU-1:x", ["allowInsecureHttp"] = "true" });
        Assert.That(_connector.CreateOperation(context), Is.Not.Null);
    }
}
