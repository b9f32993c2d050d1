using System.Reflection;
using System.Xml.Linq;
using Connector.Browse.Catalog;
using Connector.Core.Hosting;
using Connector.Operations;
using NUnit.Framework;

namespace Connector.Tests.Conventions;

/// <summary>
/// Conventions of the libraries' public API, checked by reflection (as Octokit does): every public type is
/// documented, every public class is sealed, abstract or static by intent, and no public static state can be changed.
/// </summary>
[TestFixture]
public sealed class PublicApiConventionTests
{
    private static readonly Assembly[] Libraries = [typeof(IConnector).Assembly, typeof(CatalogStore).Assembly, typeof(ConnectConnector).Assembly];

    private static IEnumerable<Type> PublicTypes => Libraries.SelectMany(a => a.GetExportedTypes()).OrderBy(t => t.FullName, StringComparer.Ordinal);

    [Test]
    public void Every_public_type_has_a_summary()
    {
        var summaries = Libraries.SelectMany(DocumentedTypes).ToHashSet(StringComparer.Ordinal);

        var undocumented = PublicTypes.Select(t => t.FullName!.Replace('+', '.')).Where(name => !summaries.Contains(name)).ToList();

        Assert.That(undocumented, Is.Empty);
    }

    [Test]
    public void Every_public_class_is_sealed_abstract_or_static()
    {
        var open = PublicTypes.Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract && !typeof(Delegate).IsAssignableFrom(t)).Select(t => t.FullName).ToList();

        Assert.That(open, Is.Empty, "a public class others may derive from must be abstract; otherwise seal it");
    }

    [Test]
    public void No_public_static_state_can_be_changed()
    {
        const BindingFlags Statics = BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var mutable = PublicTypes
            .SelectMany(t => t.GetFields(Statics).Where(f => !f.IsInitOnly && !f.IsLiteral).Select(f => $"{t.FullName}.{f.Name} (field)")
                .Concat(t.GetProperties(Statics).Where(p => p.SetMethod?.IsPublic == true).Select(p => $"{t.FullName}.{p.Name} (settable property)")))
            .ToList();

        Assert.That(mutable, Is.Empty);
    }

    /// <summary>The full names of the types the assembly's XML documentation gives a non-empty summary.</summary>
    private static IEnumerable<string> DocumentedTypes(Assembly assembly)
    {
        var file = Path.ChangeExtension(assembly.Location, ".xml");
        Assert.That(File.Exists(file), Is.True, $"{file}: the library ships its XML documentation");
        return XDocument.Load(file).Descendants("member")
            .Where(m => ((string?)m.Attribute("name"))?.StartsWith("T:", StringComparison.Ordinal) == true
                && !string.IsNullOrWhiteSpace(m.Element("summary")?.Value))
            .Select(m => ((string)m.Attribute("name")!)[2..]);
    }
}
