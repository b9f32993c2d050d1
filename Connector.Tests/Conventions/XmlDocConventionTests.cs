using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Connector.Tests.Conventions;

/// <summary>
/// XML docs say something the name does not: a <c>param</c> or <c>typeparam</c> tag whose words, once articles and
/// filler are removed, only repeat its parameter's name (<c>&lt;param name="record"&gt;The record.&lt;/param&gt;</c>)
/// fails. Read from the product projects' sources, so private members and the host (which ships no XML file) count too.
/// </summary>
[TestFixture]
public sealed partial class XmlDocConventionTests
{
    /// <summary>The product source folders; tests and benchmarks document for their own readers.</summary>
    private static readonly string[] ProductFolders =
    [
        "Connector.Core", "Connector.Operations", "Connector.Browse", "Connector.Host", "Connector.Designer", "Connector.Sandbox", "LoopbackHosting",
    ];

    /// <summary>Words that add nothing to a name: articles and "the given/specified/current value" filler.</summary>
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "to", "of", "this", "its", "that", "is", "given", "specified", "provided", "passed", "current", "value", "instance",
    };

    /// <summary>Tags accepted although they only repeat the name, as <c>path:parameter</c>; keep it empty.</summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal);

    [Test]
    public void No_parameter_tag_only_repeats_its_parameter_name()
    {
        var root = TestPaths.RepositoryRoot();
        var restating = new List<string>();
        foreach (var folder in ProductFolders)
        {
            var sources = SourceFiles(Path.Combine(root, folder)).ToList();
            Assert.That(sources, Is.Not.Empty, $"{folder}: the product folder holds C# sources (renamed? update {nameof(ProductFolders)})");
            foreach (var file in sources)
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                restating.AddRange(RestatingTags(File.ReadAllLines(file))
                    .Where(t => !Allowed.Contains($"{relative}:{t.Name}"))
                    .Select(t => $"{relative}:{t.Line}: <{t.Tag} name=\"{t.Name}\">{t.Text}</{t.Tag}>"));
            }
        }

        Assert.That(restating, Is.Empty, "say what a caller needs that the name does not (units, null handling, ownership, ranges), or drop the tag where the compiler does not need it");
    }

    [TestCase("cancellationToken", "The cancellation token.", ExpectedResult = true)]
    [TestCase("record", "The record.", ExpectedResult = true)]
    [TestCase("fields", "The fields", ExpectedResult = true)]
    [TestCase("objectTypeId", "The <c>object</c> type id.", ExpectedResult = true)]
    [TestCase("timeout", "The given timeout value.", ExpectedResult = true)]
    [TestCase("message", "", ExpectedResult = true)]
    [TestCase("record", "The record to project; not changed. Must not be null.", ExpectedResult = false)]
    [TestCase("objectType", "The object type id.", ExpectedResult = false)]
    [TestCase("filter", "Its sorts are replaced by <see cref=\"Connector.Core.Querying.SortSpecification\"/>s.", ExpectedResult = false)]
    public bool A_tag_restates_when_its_words_are_all_in_the_name(string name, string text) => Restates(name, text);

    [Test]
    public void Tags_are_read_across_lines_with_the_line_they_start_on()
    {
        string[] source =
        [
            "    /// <summary>Runs.</summary>",
            "    /// <param name=\"record\">",
            "    /// The record.</param>",
            "    /// <param name=\"path\">Dotted; a missing part reads as null.</param>",
            "    public static void Run(JToken record, string path) { }",
        ];

        var found = RestatingTags(source).ToList();

        Assert.That(found.Select(t => (t.Line, t.Name)), Is.EqualTo(new[] { (2, "record") }));
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                .Order(StringComparer.Ordinal)
            : [];

    /// <summary>The restating tags of one file's doc comments, each with the 1-based line the tag starts on.</summary>
    private static IEnumerable<(int Line, string Tag, string Name, string Text)> RestatingTags(IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (!lines[i].TrimStart().StartsWith("///", StringComparison.Ordinal))
            {
                continue;
            }

            var start = i;
            var block = new List<string>();
            for (; i < lines.Count && lines[i].TrimStart().StartsWith("///", StringComparison.Ordinal); i++)
            {
                block.Add(lines[i].TrimStart()[3..]);
            }

            var text = string.Join("\n", block);
            foreach (Match tag in ParameterTag().Matches(text))
            {
                var name = tag.Groups["name"].Value;
                var body = tag.Groups["text"].Value;
                if (Restates(name, body))
                {
                    var line = start + 1 + text[..tag.Index].Count(c => c == '\n');
                    yield return (line, tag.Groups["tag"].Value, name, Regex.Replace(body.Trim(), @"\s+", " "));
                }
            }
        }
    }

    /// <summary>Whether every word of the text, less stop words and a plural s, is a word of the name.</summary>
    private static bool Restates(string name, string text)
    {
        var nameWords = Words(name).Select(Singular).ToHashSet(StringComparer.Ordinal);
        var plain = Reference().Replace(text, m => " " + m.Groups["target"].Value.Split('.')[^1].Split('(')[0] + " ");
        plain = Markup().Replace(plain, " ");
        return Words(plain).Where(w => !StopWords.Contains(w)).All(w => nameWords.Contains(Singular(w)));
    }

    /// <summary>Lower-case words, camel case split (<c>objectTypeId</c>: object, type, id).</summary>
    private static IEnumerable<string> Words(string text) =>
        Token().Matches(text).SelectMany(m => CamelBoundary().Split(m.Value)).Where(w => w.Length > 0).Select(w => w.ToLowerInvariant());

    private static string Singular(string word) => word.Length > 3 && word.EndsWith('s') ? word[..^1] : word;

    [GeneratedRegex("""<(?<tag>param|typeparam)\s+name="(?<name>\w+)"\s*>(?<text>.*?)</\k<tag>>""", RegexOptions.Singleline)]
    private static partial Regex ParameterTag();

    [GeneratedRegex("""<(?:see|seealso)\s+(?:cref|langword|href)="(?<target>[^"]*)"\s*/>|<(?:paramref|typeparamref)\s+name="(?<target>[^"]*)"\s*/>""")]
    private static partial Regex Reference();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Markup();

    [GeneratedRegex("[A-Za-z][A-Za-z0-9]*")]
    private static partial Regex Token();

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")]
    private static partial Regex CamelBoundary();
}
