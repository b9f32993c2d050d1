using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Connector.Tests.Sandbox;

/// <summary>Every route that needs fields of its body refuses a body without them the same way: 400 VAL_001 naming each missing field, nothing changed.</summary>
[TestFixture]
[Category("Sandbox")]
public sealed class SandboxRequiredFieldTests : SandboxFixtureBase
{
    private const string Required = ": This field is required.";

    /// <summary>The routes, what they lack and the messages Connect answers with.</summary>
    public static IEnumerable<TestCaseData> Routes()
    {
        yield return Route("requests", "eq(status,pending)", "requests/{0}/approve", "{}", "template_id: template_id or activation_tile is required.");
        yield return Route("requests", "eq(status,pending)", "requests/{0}/fail", """{"reason":"  "}""", "reason" + Required);
        yield return Route("requests", "eq(status,pending)", "requests/{0}/assign", """{"name":"x"}""", "id: id or email is required.");
        yield return Route("requests", string.Empty, "requests", """{"type":"change"}""", "asset" + Required);
        yield return Route("tier_config_requests", "eq(status,pending)", "tier/config-requests/{0}/approve", """{"template":{}}""", "template.id" + Required);
        yield return Route("tier_config_requests", "eq(status,pending)", "tier/config-requests/{0}/fail", "{}", "reason" + Required);
        yield return Route("tier_account_requests", "eq(status,pending)", "tier/account-requests/{0}/ignore", "{}", "reason" + Required);
        yield return Route("tier_accounts", string.Empty, "tier/accounts", """{"contact_info":"x"}""", "name" + Required, "contact_info" + Required);
        yield return Route("cases", string.Empty, "helpdesk/cases", """{"priority":1}""", "subject" + Required, "description" + Required);
        yield return Route("conversations", string.Empty, "conversations/{0}/messages", """{"text":""}""", "text" + Required);
        yield return Route("usage_files", "eq(status,pending)", "usage/files/{0}/reject", "{}", "rejection_note" + Required);
        yield return Route("usage_chunks", "eq(status,ready)", "usage/chunks/{0}/close", "{}", "external_billing_id" + Required);
        yield return Route("usage_files", string.Empty, "usage/files", "{}", "name" + Required, "product.id: an existing product id is required.", "contract.id" + Required);
        yield return Route("usage_files", string.Empty, "notifications/webhooks", """{"label":"x","active":true}""", "object_class" + Required, "jwt_secret" + Required);
    }

    [TestCaseSource(nameof(Routes))]
    public async Task A_body_without_a_required_field_is_refused_naming_it(string collection, string rql, string path, string body, string[] messages)
    {
        var id = path.Contains("{0}", StringComparison.Ordinal) ? Take(collection, rql) : null;
        var before = id is null ? Sandbox.Store.Count(collection) : 0;
        var stored = id is null ? null : Record(collection, id).ToJsonString();

        var (response, error) = await Client.PostAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, id), JsonNode.Parse(body));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), error?.ToJsonString());
        Assert.That((string?)error!["error_code"], Is.EqualTo("VAL_001"));
        Assert.That(error["errors"]!.AsArray().Select(e => (string?)e), Is.SupersetOf(messages));
        if (id is null)
        {
            Assert.That(Sandbox.Store.Count(collection), Is.EqualTo(before), "nothing was created");
        }
        else
        {
            Assert.That(Record(collection, id).ToJsonString(), Is.EqualTo(stored), "nothing was changed");
        }
    }

    private static TestCaseData Route(string collection, string rql, string path, string body, params string[] messages) =>
        new TestCaseData(collection, rql, path, body, messages).SetName("POST " + path.Replace("{0}", "{id}", StringComparison.Ordinal) + " " + body);
}
