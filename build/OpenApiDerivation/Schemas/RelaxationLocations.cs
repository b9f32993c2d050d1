namespace Connector.OpenApiDerivation.Schemas;

/// <summary>
/// Where the location-recording rules fired: per rule id, the sorted set of <c>DEFINITION-OR-ENDPOINT#/path</c>
/// (property names, <c>[]</c> for array items) of the nodes they changed.
/// </summary>
internal sealed class RelaxationLocations
{
    private readonly SortedDictionary<string, SortedSet<string>> _fired = new(StringComparer.Ordinal);
    private readonly List<string> _path = [];
    private string _root = string.Empty;

    /// <summary>The locations per rule id.</summary>
    public IReadOnlyDictionary<string, SortedSet<string>> Fired => _fired;

    /// <summary>Starts a top-level schema (a definition or an endpoint body); disposing restores the previous one.</summary>
    public IDisposable Enter(string root)
    {
        var (previousRoot, previousPath) = (_root, _path.ToList());
        _root = root;
        _path.Clear();
        return new Restore(() =>
        {
            _root = previousRoot;
            _path.Clear();
            _path.AddRange(previousPath);
        });
    }

    /// <summary>Descends one step (a property name or <c>[]</c>); disposing steps back.</summary>
    public IDisposable Step(string step)
    {
        _path.Add(step);
        return new Restore(() => _path.RemoveAt(_path.Count - 1));
    }

    /// <summary>Records that a rule fired at the current location.</summary>
    public void Record(string ruleId)
    {
        if (!_fired.TryGetValue(ruleId, out var locations))
        {
            locations = new SortedSet<string>(StringComparer.Ordinal);
            _fired[ruleId] = locations;
        }

        locations.Add(_root + "#/" + string.Join("/", _path));
    }

    private sealed class Restore(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
