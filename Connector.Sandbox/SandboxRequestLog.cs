namespace Connector.Sandbox;

/// <summary>Thread-safe, bounded log of the requests a sandbox received (the oldest entries are dropped).</summary>
public sealed class SandboxRequestLog
{
    private readonly Queue<SandboxRequestLogEntry> entries = new();
    private readonly Lock gate = new();
    private readonly int capacity;

    /// <summary>Creates a log keeping at most <paramref name="capacity"/> entries.</summary>
    /// <param name="capacity">Maximum number of entries kept.</param>
    public SandboxRequestLog(int capacity = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.capacity = capacity;
    }

    /// <summary>Number of entries kept.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    /// <summary>A copy of the entries, oldest first.</summary>
    public IReadOnlyList<SandboxRequestLogEntry> Entries
    {
        get
        {
            lock (gate)
            {
                return [.. entries];
            }
        }
    }

    /// <summary>Appends an entry, dropping the oldest when full.</summary>
    /// <param name="entry">Must not be null; readers see it in <see cref="Entries"/> as soon as this returns.</param>
    public void Add(SandboxRequestLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (gate)
        {
            if (entries.Count >= capacity)
            {
                entries.Dequeue();
            }

            entries.Enqueue(entry);
        }
    }

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
        }
    }
}
