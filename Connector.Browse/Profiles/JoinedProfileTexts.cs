namespace Connector.Browse.Profiles;

/// <summary>
/// The self-contained texts one <see cref="ProfileJsonWriter"/> has joined (<see cref="SplicedProfile.Join"/>), told
/// apart by their whole content: the root's text (title, description, marking and all) and the shared definitions it
/// reaches, which belong to the same loaded data and are fixed with it (each definition is one instance per writer). A profile whose content was joined before (a
/// rebuilt catalogue's, an entry built alone before the whole catalogue, an operation's INPUT schema) gets that same
/// string instead of a new copy of the definitions; any other content (a changed title, summary, writable set or
/// schema) is joined anew. Bounded: when a new text would pass the character budget, the texts kept so far are
/// dropped and keeping starts over. Safe to use concurrently.
/// </summary>
/// <param name="maxCharacters">How many characters the kept texts may hold together.</param>
internal sealed class JoinedProfileTexts(long maxCharacters)
{
    /// <summary>
    /// The budget of a writer's texts: four times a whole Connect catalogue (8.2 M characters), so a catalogue, its
    /// rebuilds and a rebuild for a changed descriptor are kept.
    /// </summary>
    public const long DefaultMaxCharacters = 1L << 25;

    private readonly Lock _gate = new();
    private readonly Dictionary<ProfileContent, string> _texts = new(ProfileContentComparer.Instance);
    private long _characters;

    /// <summary>How many texts are kept now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _texts.Count;
            }
        }
    }

    /// <summary>The text kept for this content, or the one <paramref name="join"/> makes of it (then kept).</summary>
    /// <param name="root">The root's compact JSON text.</param>
    /// <param name="definitions">The shared definitions it reaches, in the order they are joined.</param>
    /// <param name="join">Makes the text of a content not kept; called outside the lock.</param>
    /// <returns>The self-contained text; the same string for equal content while it is kept.</returns>
    public string GetOrJoin(string root, IReadOnlyList<SharedDefinition> definitions, Func<string, IReadOnlyList<SharedDefinition>, string> join)
    {
        var content = new ProfileContent(root, definitions);
        lock (_gate)
        {
            if (_texts.TryGetValue(content, out var kept))
            {
                return kept;
            }
        }

        var text = join(root, definitions);
        lock (_gate)
        {
            if (_texts.TryGetValue(content, out var raced))
            {
                return raced;
            }

            if (_characters + text.Length > maxCharacters)
            {
                _texts.Clear();
                _characters = 0;
            }

            _texts.Add(content, text);
            _characters += text.Length;
            return text;
        }
    }

    private readonly record struct ProfileContent(string Root, IReadOnlyList<SharedDefinition> Definitions);

    /// <summary>Equal roots (ordinal) reaching the same definition instances, in the same order.</summary>
    private sealed class ProfileContentComparer : IEqualityComparer<ProfileContent>
    {
        public static readonly ProfileContentComparer Instance = new();

        public bool Equals(ProfileContent x, ProfileContent y)
        {
            if (x.Definitions.Count != y.Definitions.Count || !string.Equals(x.Root, y.Root, StringComparison.Ordinal))
            {
                return false;
            }

            for (var i = 0; i < x.Definitions.Count; i++)
            {
                if (!ReferenceEquals(x.Definitions[i], y.Definitions[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(ProfileContent obj)
        {
            var hash = new HashCode();
            hash.Add(obj.Root, StringComparer.Ordinal);
            foreach (var definition in obj.Definitions)
            {
                hash.Add(ReferenceEqualityComparer.Instance.GetHashCode(definition));
            }

            return hash.ToHashCode();
        }
    }
}
