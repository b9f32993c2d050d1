using System.Text;
using Connector.Core.Documents;
using Connector.Operations.Documents;
using Connector.Operations.Execution;
using Connector.Operations.Requests;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Operations.Requests;

/// <summary>
/// The fast input path: a document whose shape already passed the profile as it was passes unread. Its shape is read
/// from the bytes exactly as from the tree the input reader builds, anything the two readers could read differently
/// takes the long way, and only shapes NJsonSchema accepted (with nothing left out) ever pass.
/// </summary>
[TestFixture]
public sealed class InputProfilePassTests
{
    [TestCase("""{"id":"UR-1","external_billing_id":"B"}""")]
    [TestCase("""{"a":1,"b":1.5,"c":-2e3,"d":true,"e":false,"f":null,"g":-0,"h":1E+2}""")]
    [TestCase("""{"n\u00e9":"x","\u0041":{"in":[1,"s",[],{}]},"tab\t":"a\"b"}""")]
    [TestCase("{ \"id\" : \"UR-1\" ,\r\n  \"x\": [ 1 , 2 ] }")]
    [TestCase("""{"":""}""")]
    [TestCase("""{"big":123456789012345678901234567890}""")]
    [TestCase("""{"emoji😀":"😀","é":"ü"}""")]
    [TestCase("""{"a":{"x":1},"b":{"x":2},"x":{"x":[{"x":1},{"x":2}]}}""")]
    public void A_shape_read_from_bytes_is_the_shape_of_the_tree_the_reader_builds(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var key = new char[BodyShape.MaxKeyLength + 32];

        Assert.That(BodyShape.TryKey(bytes, key, out var length), Is.True);
        Assert.That(new string(key, 0, length), Is.EqualTo(BodyShape.Key(InputDocumentReader.ParseObject(TrackedDocument.Empty("d"), bytes)!)));
    }

    [TestCase("""{"id":"a","id":"b"}""", TestName = "A repeated name (the reader keeps the last value)")]
    [TestCase("""{"a":{"x":1,"x":2}}""", TestName = "A repeated name in a nested object")]
    [TestCase("""{"id":"a"} // note""", TestName = "A comment")]
    [TestCase("""{"id":"a"} {}""", TestName = "Content after the object")]
    [TestCase("""["a"]""", TestName = "Not an object")]
    [TestCase("\uFEFF{\"id\":\"a\"}", TestName = "A byte order mark")]
    [TestCase("""{'id':'a'}""", TestName = "Single quotes")]
    [TestCase("""{"n":1e400}""", TestName = "A number a decimal cannot hold")]
    [TestCase("""{"n":NaN}""", TestName = "NaN")]
    [TestCase("""{"id":"a",}""", TestName = "A trailing comma")]
    [TestCase("", TestName = "Nothing")]
    public void Anything_the_readers_could_read_differently_has_no_shape_from_bytes(string json)
    {
        Assert.That(BodyShape.TryKey(Encoding.UTF8.GetBytes(json), new char[BodyShape.MaxKeyLength + 32], out _), Is.False);
    }

    [Test]
    public void A_key_longer_than_the_room_given_is_refused()
    {
        var json = "{\"x\":[" + string.Join(",", Enumerable.Repeat("1", 100)) + "]}";
        Assert.That(BodyShape.TryKey(Encoding.UTF8.GetBytes(json), new char[50], out _), Is.False);
    }

    [Test]
    public async Task Only_the_shapes_of_documents_that_passed_as_they_were_pass_unread()
    {
        var profile = await ProfileAsync("usage_record", "BULK_CLOSE");
        string[] locating = ["id"];
        Assert.That(profile.Passes(Bytes("""{"id":"UR-1","external_billing_id":"B-1"}"""), project: true), Is.False, "nothing passed yet");

        Check(profile, """{"id":"UR-1","external_billing_id":"B-1"}""", locating);
        Check(profile, """{"id":"UR-2","external_billing_id":"B-2","status":"valid"}""", locating);
        Assert.That(() => Check(profile, """{"id":"UR-3","external_billing_id":false}""", locating), Throws.TypeOf<DocumentInputException>());

        Assert.Multiple(() =>
        {
            Assert.That(profile.Passes(Bytes("""{"id":"UR-9","external_billing_id":"another"}"""), project: true), Is.True, "same shape, other values");
            Assert.That(profile.Passes(Bytes("""{ "id": "UR-9", "external_billing_id": "x" }"""), project: true), Is.True, "whitespace is no part of a shape");
            Assert.That(profile.Passes(Bytes("""{"id":"UR-9","external_billing_id":"x"}"""), project: false), Is.False, "passed projected, not as given");
            Assert.That(profile.Passes(Bytes("""{"external_billing_id":"x","id":"UR-9"}"""), project: true), Is.False, "another order is another shape");
            Assert.That(profile.Passes(Bytes("""{"id":"UR-9","external_billing_id":"x","status":"y"}"""), project: true), Is.False, "a field was left out");
            Assert.That(profile.Passes(Bytes("""{"id":"UR-9","external_billing_id":true}"""), project: true), Is.False, "refused by the schema");
            Assert.That(profile.Passes(Bytes("""{"id":"UR-9","external_billing_id":9}"""), project: true), Is.False, "a shape not checked yet");
            Assert.That(profile.Passes(Bytes("""{"id":"UR-9","id":"UR-8","external_billing_id":"x"}"""), project: true), Is.False, "a repeated name");
        });
    }

    [Test]
    public async Task The_fast_path_agrees_with_NJsonSchema_on_valid_and_invalid_bodies()
    {
        string[] bodies =
        [
            """{"template_id":"TL-1"}""", """{"activation_tile":"x"}""", "{}", """{"template_id":{"id":1}}""", """{"template_id":1}""",
            """{"template_id":null}""", """{"template_id":true}""", """{"template_id":["TL-1"]}""", """{"template_id":"TL-3","asset":{"billing":{"next_date":"2024-01-01"}}}""",
            """{"template_id":"TL-4","asset":{"billing":"x"}}""", """{"template_id":"TL-5","note":"extra"}""", """{"template_id":"TL-6","activation_tile":"t"}""",
        ];
        var profile = await ProfileAsync("request", "APPROVE");
        foreach (var body in bodies)
        {
            try
            {
                Check(profile, body, []);
            }
            catch (DocumentInputException)
            {
                // Refused bodies are what the second round checks never pass.
            }
        }

        var passing = 0;
        foreach (var body in bodies)
        {
            // Another body of the same shape: other values, other spacing.
            var other = Parse(body);
            foreach (var value in other.Descendants().OfType<JValue>().Where(v => v.Type == JTokenType.String))
            {
                value.Value = "other " + value.Value;
            }

            var fresh = await ProfileAsync("request", "APPROVE");
            var leftOut = new HashSet<string>();
            fresh.Project(other, leftOut);
            var schemaSays = fresh.Schema.Validate(other).Count == 0 && leftOut.Count == 0;
            var passes = profile.Passes(Bytes(other.ToString(Newtonsoft.Json.Formatting.Indented)), project: true);
            Assert.That(passes, Is.EqualTo(schemaSays), body);
            passing += passes ? 1 : 0;
        }

        Assert.That(passing, Is.GreaterThanOrEqualTo(3), "the valid bodies pass unread");
    }

    [TestCase("""{"a":"b"}""", """{"a":"b"}""")]
    [TestCase("{\"a\":\"b c\\td\",\"e\":\"  \"}", "{\"a\":\"b c\\td\",\"e\":\"  \"}")]
    [TestCase("{ \"a\" : \"b c\" ,\n \"n\" : [ 1 , 2 ] }", """{"a":"b c","n":[1,2]}""")]
    [TestCase("{\"a\\\"\" : \"\\\\\" , \"b\" : \" \\\" \" }", "{\"a\\\"\":\"\\\\\",\"b\":\" \\\" \"}")]
    public void Compacting_keeps_strings_and_escapes_and_drops_only_the_whitespace_between_tokens(string json, string compact)
    {
        var bytes = Bytes(json);
        var result = InputDocumentReader.Compact(bytes);

        Assert.That(Encoding.UTF8.GetString(result), Is.EqualTo(compact));
        Assert.That(ReferenceEquals(result, bytes), Is.EqualTo(json == compact), "an already compact document is not copied");
    }

    private static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>Read as the connector reads input documents (dates stay strings, fractions are decimals).</summary>
    private static JObject Parse(string json) => InputDocumentReader.ParseObject(TrackedDocument.Empty("d"), Bytes(json))!;

    private static void Check(InputProfile profile, string json, string[] locating) =>
        profile.Check(TrackedDocument.Empty("d"), Parse(json), project: true, LeftOutFields.Unlogged, locating);

    private static async Task<InputProfile> ProfileAsync(string objectType, string operation)
    {
        var context = await OperationTestContexts.CreateAsync(objectType, operation);
        var data = await ConnectApiData.GetAsync(await OperationTestContexts.StoreAsync(), CancellationToken.None);
        return await data.InputProfileAsync(context.ObjectType, context.Operation, CancellationToken.None) ?? throw new InvalidOperationException("no input profile");
    }
}
