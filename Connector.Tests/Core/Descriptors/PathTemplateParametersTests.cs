using System.Text.RegularExpressions;
using Connector.Core.Descriptors;
using NUnit.Framework;

namespace Connector.Tests.Core.Descriptors;

/// <summary>
/// The descriptor rules find a path template's <c>{name}</c> parameters with a scan; it finds exactly what the regular
/// expression it replaced found (<c>\{([A-Za-z_][A-Za-z0-9_]*)\}</c>, leftmost matches), which stays here as the oracle.
/// </summary>
[TestFixture]
public sealed class PathTemplateParametersTests
{
    private static readonly Regex Oracle = new(@"\{([A-Za-z_][A-Za-z0-9_]*)\}", RegexOptions.CultureInvariant);

    [TestCase("/assets", new string[0])]
    [TestCase("/assets/{id}", new[] { "id" })]
    [TestCase("/tier/accounts/{account_id}/versions/{version}", new[] { "account_id", "version" })]
    [TestCase("{_a1}{b}", new[] { "_a1", "b" })]
    [TestCase("/x/{{id}}", new[] { "id" })]
    [TestCase("/x/{1d}/{ok}", new[] { "ok" })]
    [TestCase("/x/{a-b}/{c", new string[0])]
    [TestCase("/x/{}/{ü}/{é1}", new string[0])]
    [TestCase("}{", new string[0])]
    [TestCase("{", new string[0])]
    public void Finds_what_the_regular_expression_found(string template, string[] expected)
    {
        var found = DescriptorRules.TemplateParameters(template);

        Assert.That(found, Is.EqualTo(expected));
        Assert.That(found, Is.EqualTo(Oracle.Matches(template).Select(m => m.Groups[1].Value)));
    }

    [Test]
    public void Agrees_with_the_regular_expression_on_random_templates()
    {
        var random = new Random(15);
        const string alphabet = "{}ab_9/-Z";
        for (var i = 0; i < 5000; i++)
        {
            var template = new string(Enumerable.Range(0, random.Next(0, 14)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

            Assert.That(DescriptorRules.TemplateParameters(template), Is.EqualTo(Oracle.Matches(template).Select(m => m.Groups[1].Value)), template);
        }
    }
}
