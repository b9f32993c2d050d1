using System.Diagnostics.CodeAnalysis;

namespace Connector.Browse.Catalog;

/// <summary>
/// A value loaded once on first use and shared by every caller, except that a failed (or cancelled) load is
/// forgotten so that the next caller tries again. The load is not tied to any caller's token: one caller giving up
/// does not cancel it for the others.
/// </summary>
/// <typeparam name="T">What the load produces; the one instance is handed to every caller, so it should be safe to share.</typeparam>
internal sealed class RetryingLoad<T>(Func<Task<T>> load)
{
    private readonly object _gate = new();
    private Task<T>? _current;

    /// <summary>The value when a load succeeded already (served from memory, nothing started).</summary>
    public bool TryGetLoaded([MaybeNullWhen(false)] out T value)
    {
        lock (_gate)
        {
            if (_current is { IsCompletedSuccessfully: true } done)
            {
                value = done.Result;
                return true;
            }
        }

        value = default;
        return false;
    }

    public async Task<T> GetAsync(CancellationToken cancellationToken)
    {
        Task<T> task;
        lock (_gate)
        {
            task = _current ??= Task.Run(load, CancellationToken.None);
        }

        try
        {
            return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (task.IsFaulted || task.IsCanceled)
        {
            lock (_gate)
            {
                if (ReferenceEquals(_current, task))
                {
                    _current = null;
                }
            }

            throw;
        }
    }
}
