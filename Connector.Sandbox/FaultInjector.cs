namespace Connector.Sandbox;

/// <summary>The active fault rules of a sandbox; thread-safe, changeable while the sandbox runs.</summary>
public sealed class FaultInjector
{
    private readonly Lock gate = new();
    private readonly List<ActiveRule> rules = [];
    private readonly Random random;

    internal FaultInjector(int seed, IEnumerable<FaultRule> initial)
    {
        random = new Random(seed);
        foreach (var rule in initial)
        {
            Add(rule);
        }
    }

    /// <summary>Copies of the active rules.</summary>
    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (gate)
            {
                return [.. rules.Select(r => r.Rule)];
            }
        }
    }

    /// <summary>Adds a rule; its request counting starts now.</summary>
    /// <param name="rule">Kept as given, not copied; a <see cref="FaultRule.Fraction"/> outside 0..1 or an <see cref="FaultRule.Nth"/> below 1 throws <see cref="ArgumentOutOfRangeException"/>.</param>
    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Fraction is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rule), "Fraction must be between 0 and 1.");
        }

        if (rule.Nth is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rule), "Nth is 1-based.");
        }

        lock (gate)
        {
            rules.Add(new ActiveRule(rule));
        }
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
        }
    }

    /// <summary>Counts the request against every matching rule and returns the first rule that fires, if any.</summary>
    internal FaultRule? Next(string method, string path)
    {
        lock (gate)
        {
            FaultRule? fired = null;
            foreach (var active in rules)
            {
                var rule = active.Rule;
                if ((rule.Method is not null && !string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase))
                    || (rule.PathPrefix is not null && !path.StartsWith(rule.PathPrefix, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                active.Seen++;
                if (fired is not null || (rule.Count > 0 && active.Fired >= rule.Count))
                {
                    continue;
                }

                var fires = rule.Fraction is { } fraction && rule.Nth is null
                    ? random.NextDouble() < fraction
                    : active.Seen >= (rule.Nth ?? 1);
                if (fires)
                {
                    active.Fired++;
                    fired = rule;
                }
            }

            return fired;
        }
    }

    private sealed class ActiveRule(FaultRule rule)
    {
        public FaultRule Rule { get; } = rule;

        public int Seen { get; set; }

        public int Fired { get; set; }
    }
}
