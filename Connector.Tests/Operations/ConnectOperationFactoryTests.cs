using System.Text;
using Connector.Browse.Catalog;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Documents;
using Connector.Core.Operations;
using Connector.Core.Results;
using Connector.Core.Testing;
using Connector.Host.Composition;
using Connector.Operations;
using Connector.Operations.Connection;
using Connector.Operations.Http;
using Connector.Operations.Requests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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

    [Test]
    public async Task Executions_of_an_entry_share_its_input_profile_and_the_shapes_it_learnt()
    {
        using var clients = new ConnectClientPool(NullLoggerFactory.Instance, TimeProvider.System);
        var store = new CatalogStore(_connector.Descriptor);
        var factory = new ConnectOperationFactory(clients, store);
        const string body = "{\"template_id\":\"TL-1\"}";

        foreach (var run in new[] { "first", "second" })
        {
            var result = await DryRunApproveAsync(factory, run, body);
            Assert.That((result.Status, result.StatusCode), Is.EqualTo((OperationStatus.Success, DryRunInterceptedException.Code)), result.ToString());
        }

        Assert.That(factory.InputProfiles.Count, Is.EqualTo(1), "one profile for the entry, not one per execution");
        var data = await ConnectApiData.GetAsync(store, factory.InputProfiles, CancellationToken.None);
        var context = OperationContext.Create(_connector.Descriptor, "request", "EXECUTE:APPROVE", Connection);
        var profile = await data.InputProfileAsync(context.ObjectType, context.Operation, CancellationToken.None);
        Assert.That(factory.InputProfiles.Count, Is.EqualTo(1), "the same profile again");
        Assert.That(profile!.Passes(Encoding.UTF8.GetBytes(body), project: true), Is.True, "the body's shape, checked in the first execution, is known to later ones");
    }

    [Test]
    public async Task Every_execution_logs_the_fields_it_leaves_out_under_the_left_out_fields_category()
    {
        var log = new StringWriter();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(new TextWriterLoggerProvider(log)));
        using var clients = new ConnectClientPool(loggers, TimeProvider.System);
        var factory = new ConnectOperationFactory(clients, new CatalogStore(_connector.Descriptor));

        foreach (var run in new[] { "first", "second" })
        {
            await DryRunApproveAsync(factory, run, "{\"template_id\":\"TL-1\",\"note_" + run + "\":\"x\"}");
        }

        var lines = log.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.Where(l => l.StartsWith("warn: Connector.Operations.Requests.LeftOutFields[", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(2).And.Some.Contains("note_first").And.Some.Contains("note_second"));
    }

    /// <summary>Runs one request APPROVE of <paramref name="json"/> through an operation <paramref name="factory"/> makes, in dry run (nothing sent), and returns its one result.</summary>
    private async Task<DocumentResult> DryRunApproveAsync(ConnectOperationFactory factory, string trackingId, string json)
    {
        var connection = new Dictionary<string, string?>(Connection) { [ConnectionFieldIds.DryRun] = "true" };
        var context = OperationContext.Create(_connector.Descriptor, "request", "EXECUTE:APPROVE", connection);
        var document = TrackedDocument.FromText(trackingId, json, new Dictionary<string, string?> { [OperationFieldIds.ObjectId] = "PR-1-" + trackingId });
        var collector = new ResultCollector();
        var response = new OperationResponse([document], collector);
        await factory.Create(context).ExecuteAsync(OperationRequest.ForDocuments([document]), response, CancellationToken.None);
        Assert.That(await response.CompleteAsync(), Is.Empty, "every document got exactly one result");
        return collector.ToDocumentResults([trackingId]).Single();
    }
}
