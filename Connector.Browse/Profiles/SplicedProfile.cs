namespace Connector.Browse.Profiles;

/// <summary>
/// A profile's JSON text in parts: the root (title, description, keywords; no <c>definitions</c>) and the shared
/// definitions it reaches in name order. <see cref="Join"/> makes the self-contained text; the definitions are shared
/// with every other profile of the same loaded data, so a catalogue holds each definition's text once, and a text
/// joined before for the same content is reused (<see cref="JoinedProfileTexts"/>).
/// </summary>
/// <param name="Root">Writes the root's compact JSON text, an object without <c>definitions</c>.</param>
/// <param name="Definitions">The reached definitions, in ordinal name order.</param>
/// <param name="Joined">The texts the writer of the same loaded data joined so far.</param>
internal sealed record SplicedProfile(Func<string> Root, IReadOnlyList<SharedDefinition> Definitions, JoinedProfileTexts Joined)
{
    private const string DefinitionsOpening = ",\"definitions\":{";

    /// <summary>The self-contained compact JSON text: the root with the definitions as its last property.</summary>
    /// <returns>
    /// The string joined before for an equal root reaching the same definitions, else the root itself when it reaches
    /// none, else a new one, written in one pass into its exact length (the texts are large: one copy, no builder).
    /// </returns>
    public string Join() => Joined.GetOrJoin(Root(), Definitions, Splice);

    private static string Splice(string root, IReadOnlyList<SharedDefinition> definitions)
    {
        if (definitions.Count == 0)
        {
            return root;
        }

        // root without its closing brace, ',"definitions":{', "name":text joined by commas, then "}}".
        var length = root.Length - 1 + DefinitionsOpening.Length + (definitions.Count - 1) + 2;
        foreach (var definition in definitions)
        {
            length += definition.QuotedName.Length + 1 + definition.Text.Value.Length;
        }

        return string.Create(length, (root, definitions), static (span, parts) =>
        {
            var (root, definitions) = parts;
            var at = Copy(span, 0, root.AsSpan(0, root.Length - 1));
            at = Copy(span, at, DefinitionsOpening);
            for (var i = 0; i < definitions.Count; i++)
            {
                if (i > 0)
                {
                    span[at++] = ',';
                }

                at = Copy(span, at, definitions[i].QuotedName);
                span[at++] = ':';
                at = Copy(span, at, definitions[i].Text.Value);
            }

            span[at++] = '}';
            span[at] = '}';
        });
    }

    private static int Copy(Span<char> destination, int at, ReadOnlySpan<char> text)
    {
        text.CopyTo(destination[at..]);
        return at + text.Length;
    }
}
