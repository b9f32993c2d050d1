using System.Text;

namespace Connector.Browse.Profiles;

/// <summary>
/// A profile's JSON text in parts: the root (title, description, keywords; no <c>definitions</c>) and the shared
/// definitions it reaches in name order. <see cref="Join"/> makes the self-contained text; the definitions are shared
/// with every other profile of the same loaded data, so a catalogue holds each definition's text once.
/// </summary>
/// <param name="Root">Writes the root's compact JSON text, an object without <c>definitions</c>.</param>
/// <param name="Definitions">The reached definitions, in ordinal name order.</param>
internal sealed record SplicedProfile(Func<string> Root, IReadOnlyList<SharedDefinition> Definitions)
{
    /// <summary>The self-contained compact JSON text: the root with the definitions as its last property.</summary>
    /// <returns>A new string.</returns>
    public string Join()
    {
        var root = Root();
        if (Definitions.Count == 0)
        {
            return root;
        }

        var length = root.Length + 18 + Definitions.Sum(d => d.QuotedName.Length + d.Text.Value.Length + 2);
        var text = new StringBuilder(length).Append(root, 0, root.Length - 1).Append(",\"definitions\":{");
        for (var i = 0; i < Definitions.Count; i++)
        {
            text.Append(i == 0 ? "" : ",").Append(Definitions[i].QuotedName).Append(':').Append(Definitions[i].Text.Value);
        }

        return text.Append("}}").ToString();
    }
}
