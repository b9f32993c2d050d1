using Connector.Core.Documents;
using Connector.Core.Operations;
using Connector.Core.Results;
using Connector.Core.Testing;
using Connector.Operations.Documents;
using Connector.Operations.Outbound;
using Connector.Operations.Requests;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Operations.Outbound;

[TestFixture]
public sealed class ObjectOperationTests
{
    private const string RequestJson = """{"id":"PR-1","status":"pending","type":"purchase","asset":{"id":"AS-1","params":[{"id":"p1","value":"v"}],"product":{"id":"PRD-1"}},"created":"2024-01-01T00:00:00Z"}""";

    private static async Task<(IReadOnlyList<DocumentResult> Results, ScriptedTransport Transport)> RunAsync(
        string objectType,
        string operation,
        ScriptedTransport transport,
        IReadOnlyList<TrackedDocument> documents,
        Dictionary<string, string?>? properties = null)
    {
        var context = await OperationTestContexts.CreateAsync(objectType, operation, properties);
        var catalog = await ConnectApiData.GetAsync(await OperationTestContexts.StoreAsync(), CancellationToken.None);
        IOperation op = context.Operation.Response.PerRecordStatus
            ? new BulkOperation(context, transport.Client(), catalog)
            : new ObjectOperation(context, transport.Client(), catalog);
        var collector = new ResultCollector();
        var response = new OperationResponse(documents, collector);
        await op.ExecuteAsync(OperationRequest.ForDocuments(documents), response, CancellationToken.None);
        Assert.That(await response.CompleteAsync(), Is.Empty, "every document got exactly one result");
        return (collector.ToDocumentResults(documents.Select(d => d.TrackingId)), transport);
    }

    private static TrackedDocument Doc(string id, string json, Dictionary<string, string?>? dynamic = null) => TrackedDocument.FromText(id, json, dynamic);

    /// <summary>A bulk close endpoint that answers every record it is sent with its id and status closed, in order.</summary>
    private static ScriptedTransport ClosesEveryRecord() => new(request =>
    {
        var records = JArray.Parse(System.Text.Encoding.UTF8.GetString(((Connector.Operations.Http.ConnectRequestBody.JsonBytes)request.Body!).Content.Span));
        return ScriptedAnswer.Json(206, new JArray(records.Select(r => new JObject { ["id"] = r["id"], ["status"] = "closed" })).ToString());
    });

    private static ScriptedTransport Echo(int status = 200) => new(r => ScriptedAnswer.Json(status, """{"id":"PR-1","status":"approved"}"""));

    [Test]
    public async Task A_download_answered_with_json_is_a_failure_not_a_saved_file()
    {
        var transport = new ScriptedTransport(_ => ScriptedAnswer.Json(200, """{"error_code":"USG_001","errors":["The chunk is not ready."]}"""));
        var (results, _) = await RunAsync("usage_chunk", "DOWNLOAD", transport, [TrackedDocument.Empty("d1", new Dictionary<string, string?> { ["objectId"] = "UC-1" })]);

        Assert.That(results[0].Status, Is.EqualTo(OperationStatus.Failure), results[0].ToString());
        Assert.That(results[0].Message, Does.Contain("answered JSON").And.Contain("The chunk is not ready.").And.Contain("nothing was saved"));
        Assert.That(results[0].Payloads, Is.Empty);
    }

    [Test]
    public async Task An_empty_download_is_a_failure_not_a_success_without_content()
    {
        var transport = new ScriptedTransport(_ => new ScriptedAnswer(200, string.Empty, new Dictionary<string, string> { ["Content-Type"] = "application/octet-stream" }));
        var (results, _) = await RunAsync("usage_chunk", "DOWNLOAD", transport, [TrackedDocument.Empty("d1", new Dictionary<string, string?> { ["objectId"] = "UC-1" })]);

        Assert.That(results[0].Status, Is.EqualTo(OperationStatus.Failure), results[0].ToString());
        Assert.That(results[0].Message, Does.Contain("answered no bytes"));
        Assert.That(results[0].Payloads, Is.Empty);
    }

    [Test]
    public async Task A_download_streams_into_a_private_file_removed_with_its_folder()
    {
        string file;
        string folder;
        await using (var download = PrivateTemporaryFile.Create("download"))
        {
            file = download.Name;
            folder = Path.GetDirectoryName(file)!;
            await download.WriteAsync("PK"u8.ToArray());
            if (!OperatingSystem.IsWindows())
            {
                Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
                Assert.That(File.GetUnixFileMode(folder), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
            }
        }

        Assert.That(File.Exists(file), Is.False);
        Assert.That(Directory.Exists(folder), Is.False);
    }

    [Test]
    public async Task A_whole_object_piped_into_an_action_sends_only_the_fields_the_action_takes()
    {
        var input = JObject.Parse(RequestJson);
        input["template_id"] = "TL-1";
        var (results, transport) = await RunAsync("request", "APPROVE", Echo(), [Doc("d1", input.ToString())]);
        Assert.That(results[0].Status, Is.EqualTo(OperationStatus.Success), results[0].Message);
        var sent = transport.Sent.Single();
        Assert.That(sent.Path, Is.EqualTo("/requests/PR-1/approve"));
        var body = JObject.Parse(sent.Body!);
        Assert.That(body.Properties().Select(p => p.Name), Is.SubsetOf(new[] { "template_id", "activation_tile", "effective_date", "asset" }));
        Assert.That((string?)body["template_id"], Is.EqualTo("TL-1"));
        Assert.That(body["status"], Is.Null);
        Assert.That((string?)results[0].SingleObject()["status"], Is.EqualTo("approved"));
    }

    [Test]
    public async Task A_body_the_schema_forbids_is_refused_naming_the_fields_and_nothing_is_sent()
    {
        var (results, transport) = await RunAsync("request", "APPROVE", Echo(), [Doc("d1", RequestJson)]);
        Assert.That(results[0].Status, Is.EqualTo(OperationStatus.ApplicationError));
        Assert.That(results[0].StatusCode, Is.EqualTo("INVALID_BODY"));
        Assert.That(results[0].Message, Does.Contain("template_id").And.Contain("activation_tile"));
        Assert.That(transport.Sent, Is.Empty);
    }

    [Test]
    public async Task A_batch_mixing_good_bad_and_malformed_documents_gets_one_result_each_in_input_order()
    {
        var documents = new[]
        {
            Doc("ok-1", """{"id":"PR-1","reason":"no stock"}"""),
            Doc("malformed", """{"id":"PR-2","reason":"""),
            Doc("array", "[1,2]"),
            Doc("no-id", """{"reason":"x"}"""),
            Doc("unsafe-id", """{"id":"../admin","reason":"x"}"""),
            Doc("wrong-type", """{"id":"PR-3","reason":{"text":"x"}}"""),
            Doc("ok-2", """{"id":"PR-4","reason":"late"}"""),
        };
        var (results, transport) = await RunAsync("request", "REJECT", Echo(), documents, new() { ["parallelism"] = "3" });
        Assert.That(results.Select(r => r.TrackingId), Is.EqualTo(documents.Select(d => d.TrackingId)));
        Assert.That(results.Select(r => r.Status), Is.EqualTo(new[]
        {
            OperationStatus.Success, OperationStatus.ApplicationError, OperationStatus.ApplicationError, OperationStatus.ApplicationError,
            OperationStatus.ApplicationError, OperationStatus.ApplicationError, OperationStatus.Success,
        }));
        Assert.That(results[1].Message, Does.Contain("'malformed' is not valid JSON"));
        Assert.That(results[2].Message, Does.Contain("must be a JSON object, not an array"));
        Assert.That(results[3].StatusCode, Is.EqualTo("MISSING_ID"));
        Assert.That(results[4].StatusCode, Is.EqualTo("INVALID_ID"));
        Assert.That(results[5].Message, Does.Contain("reason"));
        Assert.That(transport.Sent.Select(s => s.Path), Is.EquivalentTo(new[] { "/requests/PR-1/fail", "/requests/PR-4/fail" }));
    }

    [TestCase("../x")]
    [TestCase("a/b")]
    [TestCase("?x=1")]
    [TestCase("%2F")]
    [TestCase("")]
    [TestCase(" PR-1")]
    [TestCase("PR-1\t")]
    [TestCase("   ")]
    public async Task Ids_that_could_change_the_path_are_refused(string id)
    {
        var (results, transport) = await RunAsync("request", "PENDING", Echo(), [TrackedDocument.Empty("d", new Dictionary<string, string?> { ["objectId"] = id })]);
        Assert.That(results[0].Status, Is.EqualTo(OperationStatus.ApplicationError));
        Assert.That(results[0].StatusCode, Is.AnyOf("INVALID_ID", "MISSING_ID"));
        Assert.That(transport.Sent, Is.Empty);
    }

    [Test]
    public async Task A_204_action_re_reads_the_object_unless_asked_not_to()
    {
        ScriptedTransport Transport() => new(r => r.Method == HttpMethod.Get
            ? ScriptedAnswer.Json(200, """{"id":"TCR-1","status":"pending"}""")
            : ScriptedAnswer.Json(204, string.Empty));
        var (reread, sent) = await RunAsync("tier_config_request", "PENDING", Transport(), [Doc("d", """{"id":"TCR-1"}""")]);
        Assert.That(reread[0].Status, Is.EqualTo(OperationStatus.Success));
        Assert.That((string?)reread[0].SingleObject()["status"], Is.EqualTo("pending"));
        Assert.That(sent.Sent.Select(s => s.Method + " " + s.Path), Is.EqualTo(new[] { "POST /tier/config-requests/TCR-1/pend", "GET /tier/config-requests/TCR-1" }));

        var (empty, sentOnce) = await RunAsync("tier_config_request", "PENDING", Transport(), [Doc("d", """{"id":"TCR-1"}""")], new() { ["returnResource"] = "false" });
        Assert.That(empty[0].Payloads, Is.Empty);
        Assert.That(empty[0].StatusCode, Is.EqualTo("204"));
        Assert.That(sentOnce.Sent, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Uploads_send_the_document_bytes_as_the_named_multipart_part()
    {
        var file = new byte[] { 0x50, 0x4B, 3, 4, 1, 2, 3 };
        var (results, transport) = await RunAsync(
            "usage_report",
            "UPLOAD",
            new ScriptedTransport(_ => ScriptedAnswer.Json(200, """{"id":"UF-1","status":"processing"}""")),
            [TrackedDocument.FromBytes("f", file, new Dictionary<string, string?> { ["objectId"] = "UF-1", ["fileName"] = "usage.xlsx" })]);
        Assert.That(results[0].Status, Is.EqualTo(OperationStatus.Success), results[0].Message);
        Assert.That(transport.Sent.Single().Body, Does.StartWith("multipart usage_file=usage.xlsx (7 bytes)"));
    }

    /// <summary>A 256 MB file is sent from its own stream: all of it reaches the wire, and the connector allocates a small fraction of it.</summary>
    [Test]
    public async Task A_large_file_upload_is_streamed_not_read_into_memory()
    {
        const long size = 256L * 1024 * 1024;
        var path = Path.GetTempFileName();
        try
        {
            await using (var sparse = File.OpenWrite(path))
            {
                sparse.SetLength(size);
            }

            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var (results, transport) = await RunAsync("usage_report", "UPLOAD", UploadAnswer(), [Upload(file)]);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

            Assert.That(results[0].Status, Is.EqualTo(OperationStatus.Success), results[0].Message);
            Assert.That(transport.Sent.Single().Body, Does.StartWith($"multipart usage_file=usage.xlsx ({size} bytes)"));
            Assert.That(allocated, Is.LessThan(32L * 1024 * 1024), $"allocated {allocated / (1024 * 1024)} MB to upload {size / (1024 * 1024)} MB");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A document that cannot seek (a pipe) is spooled to a private file so that a retried attempt sends every byte again; the spool is removed.</summary>
    [Test]
    public async Task A_piped_upload_is_spooled_and_sent_whole_on_every_attempt()
    {
        var content = Enumerable.Range(0, 300_000).Select(i => (byte)i).ToArray();
        var attempts = 0;
        var transport = new ScriptedTransport(_ => ++attempts == 1
            ? new ScriptedAnswer(429, """{"error_code":"RATE","errors":["slow down"]}""", new Dictionary<string, string> { ["Retry-After"] = "0" })
            : ScriptedAnswer.Json(200, """{"id":"UF-1","status":"processing"}"""));
        var spoolsBefore = UploadSpools();

        var (results, sent) = await RunAsync("usage_report", "UPLOAD", transport, [Upload(new ForwardOnly(content))]);

        Assert.That(results[0].Status, Is.EqualTo(OperationStatus.Success), results[0].Message);
        Assert.That(sent.Sent.Select(s => s.Body).ToList(), Has.Count.EqualTo(2).And.All.StartsWith($"multipart usage_file=usage.xlsx ({content.Length} bytes)"));
        Assert.That(UploadSpools().Except(spoolsBefore), Is.Empty, "the spool folder is deleted after the upload");
    }

    /// <summary>Empty and oversized files are refused before anything is sent, naming the document.</summary>
    [Test]
    public async Task Empty_and_oversized_uploads_are_refused_before_sending()
    {
        var path = Path.GetTempFileName();
        try
        {
            await using (var sparse = File.OpenWrite(path))
            {
                sparse.SetLength(513L * 1024 * 1024);
            }

            var (results, transport) = await RunAsync(
                "usage_report",
                "UPLOAD",
                UploadAnswer(),
                [Upload(new MemoryStream(), "empty"), Upload(File.OpenRead(path), "huge")]);

            Assert.That(results.Select(r => r.Status), Is.All.EqualTo(OperationStatus.ApplicationError));
            Assert.That(results[0].Message, Does.Contain("document 'empty' is empty"));
            Assert.That(results[1].Message, Does.Contain("document 'huge' is larger than 512 MB"));
            Assert.That(transport.Sent, Is.Empty);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static ScriptedTransport UploadAnswer() => new(_ => ScriptedAnswer.Json(200, """{"id":"UF-1","status":"processing"}"""));

    private static TrackedDocument Upload(Stream data, string id = "f") =>
        new(id, data, new Dictionary<string, string?> { ["objectId"] = "UF-1", ["fileName"] = "usage.xlsx" });

    private static string[] UploadSpools() => Directory.GetDirectories(Path.GetTempPath(), "connect-upload-*");

    /// <summary>A stream that reads forward only, like a pipe.</summary>
    private class ForwardOnly(byte[] content) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = Math.Min(count, content.Length - _position);
            Array.Copy(content, _position, buffer, offset, read);
            _position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Test]
    public async Task A_client_error_is_an_application_error_with_the_Connect_error_code()
    {
        var transport = new ScriptedTransport(_ => ScriptedAnswer.Json(400, """{"error_code":"REQ_003","errors":["Only pending requests can be approved."]}"""));
        var (results, _) = await RunAsync("request", "APPROVE", transport, [Doc("d", """{"id":"PR-1","template_id":"TL-1"}""")]);
        Assert.That(results[0].Status, Is.EqualTo(OperationStatus.ApplicationError));
        Assert.That(results[0].StatusCode, Is.EqualTo("400"));
        Assert.That(results[0].Message, Does.Contain("REQ_003").And.Contain("Only pending requests"));
    }

    [Test]
    public async Task A_server_error_on_a_POST_is_a_failure_sent_once()
    {
        var transport = new ScriptedTransport(_ => ScriptedAnswer.Json(500, """{"error_code":"SYS_001","errors":["boom"]}"""));
        var (results, sent) = await RunAsync("request", "APPROVE", transport, [Doc("d", """{"id":"PR-1","template_id":"TL-1"}""")]);
        Assert.That(results[0].Status, Is.EqualTo(OperationStatus.Failure));
        Assert.That(results[0].Message, Does.Contain("outcome is unknown"));
        Assert.That(sent.Sent, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Bulk_close_batches_documents_and_maps_per_record_statuses_back()
    {
        var transport = new ScriptedTransport(request =>
        {
            var records = JArray.Parse(((Connector.Operations.Http.ConnectRequestBody.JsonBytes)request.Body!).Content.ToArray() is var b ? System.Text.Encoding.UTF8.GetString(b) : "[]");
            var statuses = records.Select(r => (string)r["id"]! == "UR-3"
                ? new JObject { ["id"] = "UR-3", ["status"] = "invalid", ["error_codes"] = "USG_011", ["error_details"] = "already closed" }
                : new JObject { ["id"] = r["id"], ["status"] = "closed" });
            return ScriptedAnswer.Json(206, new JArray(statuses.Reverse()).ToString());
        });
        var documents = Enumerable.Range(1, 5)
            .Select(i => Doc("r" + i, i == 4 ? "not json" : $$"""{"id":"UR-{{i}}","external_billing_id":"B-{{i}}","status":"valid"}"""))
            .ToList();
        var (results, sent) = await RunAsync("usage_record", "BULK_CLOSE", transport, documents, new() { ["batchSize"] = "2" });
        Assert.That(results.Select(r => r.Status), Is.EqualTo(new[]
        {
            OperationStatus.Success, OperationStatus.Success, OperationStatus.ApplicationError, OperationStatus.ApplicationError, OperationStatus.Success,
        }));
        Assert.That(results[2].StatusCode, Is.EqualTo("USG_011"));
        Assert.That(results[2].Message, Does.Contain("already closed"));
        Assert.That(results[3].StatusCode, Is.EqualTo("INVALID_DOCUMENT"));
        Assert.That(sent.Sent, Has.Count.EqualTo(3), "5 documents in batches of 2: one call per batch, the malformed one left out of its batch");
        Assert.That(sent.Sent.Select(s => JArray.Parse(s.Body!).Count), Is.EquivalentTo(new[] { 2, 1, 1 }));
        Assert.That(sent.Sent.All(s => !s.Body!.Contains("status", StringComparison.Ordinal)), Is.True, "records are projected onto the bulk item profile");
    }

    [Test]
    public async Task Bulk_statuses_in_place_map_by_position_and_a_missing_one_or_ids_left_out_fall_back_to_ids_and_order()
    {
        static List<TrackedDocument> Records() => Enumerable.Range(1, 3).Select(i => Doc("r" + i, $$"""{"id":"UR-{{i}}","external_billing_id":"B-{{i}}"}""")).ToList();

        // UR-2's status is missing: the others are found by id, UR-2 is told it has none.
        var missing = new ScriptedTransport(_ => ScriptedAnswer.Json(206, """[{"id":"UR-1","status":"closed"},{"id":"UR-3","status":"invalid","error_codes":["USG_011"]}]"""));
        var (results, _) = await RunAsync("usage_record", "BULK_CLOSE", missing, Records(), new() { ["batchSize"] = "3" });
        Assert.That(results.Select(r => r.StatusCode), Is.EqualTo(new[] { "206", "NO_STATUS", "USG_011" }));

        // Statuses that name no id are taken in the batch's order.
        var anonymous = new ScriptedTransport(_ => ScriptedAnswer.Json(206, """[{"status":"closed"},{"status":"draft"},{"status":"closed"}]"""));
        (results, _) = await RunAsync("usage_record", "BULK_CLOSE", anonymous, Records(), new() { ["batchSize"] = "3" });
        Assert.That(results.Select(r => r.Status), Is.EqualTo(new[] { OperationStatus.Success, OperationStatus.ApplicationError, OperationStatus.Success }));
        Assert.That(results[1].Message, Does.Contain("'UR-2' was not closed (status draft)"));

        // In place (each status names the id at its position), in any case of "closed": each record gets its own status.
        var inPlace = new ScriptedTransport(_ => ScriptedAnswer.Json(206, """[{"id":"UR-1","status":"CLOSED"},{"id":"UR-2","status":"closed","error_codes":[]},{"id":"UR-3","status":"invalid","error_details":"gone"}]"""));
        (results, _) = await RunAsync("usage_record", "BULK_CLOSE", inPlace, Records(), new() { ["batchSize"] = "3" });
        Assert.That(results.Select(r => r.Status), Is.EqualTo(new[] { OperationStatus.Success, OperationStatus.Success, OperationStatus.ApplicationError }));
        Assert.That(results[2].Message, Does.Contain("'UR-3' was not closed (status invalid) - gone"));
        Assert.That((string?)results[0].SingleObject()["status"], Is.EqualTo("CLOSED"), "each result carries its own status's bytes");
    }

    [Test]
    public async Task Bulk_answers_that_are_not_a_whole_array_of_statuses_fail_every_record_of_their_batch_and_odd_items_are_skipped()
    {
        static List<TrackedDocument> Records() => Enumerable.Range(1, 2).Select(i => Doc("r" + i, $$"""{"id":"UR-{{i}}","external_billing_id":"B-{{i}}"}""")).ToList();
        async Task<IReadOnlyList<DocumentResult>> Answered(string answer) =>
            (await RunAsync("usage_record", "BULK_CLOSE", new ScriptedTransport(_ => ScriptedAnswer.Json(206, answer)), Records(), new() { ["batchSize"] = "2" })).Results;

        foreach (var (answer, expected) in new[]
        {
            ("""{"id":"UR-1","status":"closed"}""", "a JSON array was expected but the body starts with StartObject"),
            ("""[{"id":"UR-1","status":"closed"},{"id":"UR-2","sta""", "truncated"),
            ("""[{"id":"UR-1","status":"closed"}""", "truncated"),
            (string.Empty, "truncated"),
            ("""[{"id":"UR-1","status":"closed"},{"id":"UR-2" "status":"closed"}]""", "the answer is not valid JSON: '\"' is invalid after a value"),
        })
        {
            var results = await Answered(answer);
            Assert.That(results.Select(r => r.Status), Is.All.EqualTo(OperationStatus.Failure), answer);
            Assert.That(results.Select(r => r.Message), Is.All.Contain(expected), answer);
        }

        // Items that are not objects are passed over; nested values in a status are read past; every result carries its status's exact bytes.
        var mixed = await Answered("""[null,"x",[1,{"id":"UR-9"}],{"id":"UR-1","extra":{"deep":[{"id":"UR-2"}]},"status":"closed"},{"id":"UR-2","status":"invalid","error_codes":["USG_011",{"n":1}],"error_details":null}]""");
        Assert.That(mixed.Select(r => r.StatusCode), Is.EqualTo(new[] { "206", "USG_011, {\"n\":1}" }));
        Assert.That(mixed[1].Message, Does.Contain("'UR-2' was not closed (status invalid): USG_011, {\"n\":1}"));
        Assert.That(mixed[0].Payloads[0].Text, Is.EqualTo("""{"id":"UR-1","extra":{"deep":[{"id":"UR-2"}]},"status":"closed"}"""));
    }

    [Test]
    public async Task Bulk_records_of_a_shape_that_passed_are_sent_as_given_and_bad_ones_still_get_their_own_error()
    {
        var transport = ClosesEveryRecord();
        string[] bodies =
        [
            """{"id":"UR-1","external_billing_id":"B-1"}""",
            "{ \"id\": \"UR-2\",\n  \"external_billing_id\": \"B-\\u0032\" }",
            """{"id":"UR-3","external_billing_id":"B-3","status":"valid"}""",
            """{"id":" ","external_billing_id":"B-4"}""",
            """{"id":5,"external_billing_id":"B-5"}""",
            """{"id":"UR-6","external_billing_id":true}""",
            """{"id":"UR-7","external_billing_id":"B-7"}""",
        ];
        var documents = bodies.Select((body, i) => Doc("r" + (i + 1), body)).ToList();

        var (results, sent) = await RunAsync("usage_record", "BULK_CLOSE", transport, documents, new() { ["batchSize"] = "10", ["parallelism"] = "1" });

        Assert.That(results.Select(r => r.StatusCode), Is.EqualTo(new[] { "206", "206", "206", "MISSING_ID", "MISSING_ID", "INVALID_BODY", "206" }));
        Assert.That(results[2].Message, Does.Contain("status"), "the field left out is named");
        Assert.That(results[5].Message, Does.Contain("external_billing_id"));
        Assert.That(
            sent.Sent.Single().Body,
            Is.EqualTo("""[{"id":"UR-1","external_billing_id":"B-1"},{"id":"UR-2","external_billing_id":"B-\u0032"},{"id":"UR-3","external_billing_id":"B-3"},{"id":"UR-7","external_billing_id":"B-7"}]"""),
            "a record of a shape that passed is sent as given (its escape kept, the whitespace dropped); the others as the profile reads them");
    }

    [Test]
    public async Task Action_bodies_of_a_shape_that_passed_are_sent_as_given_and_bad_ones_are_refused()
    {
        var transport = Echo();
        Dictionary<string, string?> Id(string id) => new() { ["objectId"] = id };
        var documents = new[]
        {
            Doc("d1", """{"template_id":"TL-1"}""", Id("PR-1")),
            Doc("d2", "{ \"template_id\" : \"TL-\\u0032\" }", Id("PR-2")),
            Doc("d3", """{"template_id":true}""", Id("PR-3")),
            Doc("d4", """{"id":"PR-4","template_id":"TL-4"}"""),
        };

        var (results, sent) = await RunAsync("request", "APPROVE", transport, documents, new() { ["parallelism"] = "1" });

        Assert.That(results.Select(r => r.StatusCode), Is.EqualTo(new[] { "200", "200", "INVALID_BODY", "200" }));
        Assert.That(sent.Sent.Select(s => s.Path + " " + s.Body), Is.EqualTo(new[]
        {
            """/requests/PR-1/approve {"template_id":"TL-1"}""",
            """/requests/PR-2/approve {"template_id":"TL-\u0032"}""",
            """/requests/PR-4/approve {"template_id":"TL-4"}""",
        }));
    }

    [Test]
    public async Task Action_documents_that_arrive_later_from_their_streams_are_sent_and_refused_as_ones_in_memory()
    {
        static TrackedDocument Later(string id, string json, string requestId) =>
            new(id, new ArrivesLater(System.Text.Encoding.UTF8.GetBytes(json)), new Dictionary<string, string?> { ["objectId"] = requestId });
        var documents = new[]
        {
            Later("d1", """{"template_id":"TL-1"}""", "PR-1"),
            Later("d2", """{"template_id":""", "PR-2"),
            Later("d3", """{"template_id":true}""", "PR-3"),
            Later("d4", """{"template_id":"TL-4"}""", "PR-4"),
        };

        var (results, transport) = await RunAsync("request", "APPROVE", Echo(), documents, new() { ["parallelism"] = "2" });

        Assert.That(results.Select(r => r.TrackingId + " " + r.StatusCode), Is.EqualTo(new[] { "d1 200", "d2 INVALID_DOCUMENT", "d3 INVALID_BODY", "d4 200" }), string.Join("; ", results));
        Assert.That(results[1].Message, Does.Contain("'d2' is not valid JSON"));
        Assert.That(transport.Sent.Select(s => s.Path + " " + s.Body), Is.EquivalentTo(new[]
        {
            """/requests/PR-1/approve {"template_id":"TL-1"}""",
            """/requests/PR-4/approve {"template_id":"TL-4"}""",
        }));
    }

    [Test]
    public async Task Bulk_records_that_arrive_later_or_are_too_large_are_batched_and_refused_as_ones_in_memory()
    {
        var transport = ClosesEveryRecord();
        static TrackedDocument Later(string id, string json) => new(id, new ArrivesLater(System.Text.Encoding.UTF8.GetBytes(json)));
        var huge = "{\"id\":\"UR-4\",\"external_billing_id\":\"" + new string('x', InputDocumentReader.MaxJsonDocumentBytes) + "\"}";
        var documents = new[]
        {
            Later("r1", """{"id":"UR-1","external_billing_id":"B-1"}"""),
            Doc("r2", """{"id":"UR-2","external_billing_id":"B-2"}"""),
            Later("r3", """{"id":"UR-3","external_billing_id":"""),
            Doc("r4", huge),
            Later("r5", """{"id":"UR-5","external_billing_id":"B-5"}"""),
        };

        var (results, sent) = await RunAsync("usage_record", "BULK_CLOSE", transport, documents, new() { ["batchSize"] = "10" });

        Assert.That(results.Select(r => r.TrackingId + " " + r.StatusCode), Is.EqualTo(new[] { "r1 206", "r2 206", "r3 INVALID_DOCUMENT", "r4 INVALID_DOCUMENT", "r5 206" }));
        Assert.That(results[3].Message, Does.Contain("'r4' is larger than 4 MB"));
        Assert.That(sent.Sent.Single().Body, Is.EqualTo("""[{"id":"UR-1","external_billing_id":"B-1"},{"id":"UR-2","external_billing_id":"B-2"},{"id":"UR-5","external_billing_id":"B-5"}]"""));
    }

    /// <summary>A forward-only stream whose every asynchronous read completes later (after yielding the thread), as a pipe's or a socket's does.</summary>
    private sealed class ArrivesLater(byte[] content) : ForwardOnly(content)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return Read(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
