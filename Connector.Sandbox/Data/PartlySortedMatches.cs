namespace Connector.Sandbox.Data;

/// <summary>
/// The matches of a query in the order of its ordering fields, sorted only as far as its pages have asked: a page at
/// offset o needs the first o + limit in order, and those are selected (quickselect: a few comparisons per match) and
/// sorted, not all of them. A request past the sorted part sorts through it and a page beyond, and at least doubles it;
/// once that would cover a quarter of the matches, they are all sorted and the sort keys let go. The order is total
/// (ties by record index), so every page is the one a full sort gives. The pages of one query share it
/// (<see cref="QueryCache"/>), so it is safe for concurrent readers.
/// </summary>
internal sealed class PartlySortedMatches : IReadOnlyList<int>
{
    /// <summary>
    /// The least part sorted at once, and how far past a requested position a request sorts: a whole page (the
    /// sandbox's largest is 1,000) is then read from one selection, wherever it starts.
    /// </summary>
    private const int FirstSorted = 1024;

    private readonly List<int> _matches;
    private readonly Lock _gate = new();
    private Comparison<int>? _compare;
    private volatile int[] _sorted = [];

    /// <param name="matches">The matching record indices, in index order.</param>
    /// <param name="compare">A total order of positions in <paramref name="matches"/>.</param>
    public PartlySortedMatches(List<int> matches, Comparison<int> compare)
    {
        _matches = matches;
        _compare = compare;
    }

    /// <inheritdoc />
    public int Count => _matches.Count;

    /// <summary>The record index at <paramref name="position"/> of the ordered matches.</summary>
    public int this[int position]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(position);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, Count);
            var sorted = _sorted;
            return _matches[(position < sorted.Length ? sorted : SortThrough(position + 1))[position]];
        }
    }

    /// <inheritdoc />
    public IEnumerator<int> GetEnumerator()
    {
        var sorted = SortThrough(Count);
        for (var position = 0; position < sorted.Length; position++)
        {
            yield return _matches[sorted[position]];
        }
    }

    /// <inheritdoc />
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The positions in order, at least the first <paramref name="needed"/> of them.</summary>
    private int[] SortThrough(int needed)
    {
        lock (_gate)
        {
            var sorted = _sorted;
            if (needed <= sorted.Length)
            {
                return sorted;
            }

            var compare = _compare!;
            var target = Math.Max(needed + FirstSorted - 1, sorted.Length * 2);
            var positions = Enumerable.Range(0, Count).ToArray();
            if ((long)target * 4 >= Count || !SelectFirst(positions, target, compare))
            {
                Array.Sort(positions, compare);
                _compare = null;
                sorted = positions;
            }
            else
            {
                sorted = positions[..target];
                Array.Sort(sorted, compare);
            }

            _sorted = sorted;
            return sorted;
        }
    }

    /// <summary>
    /// Moves the <paramref name="count"/> first positions in order (among themselves in any order) to the start of
    /// <paramref name="positions"/> by quickselect: partitions around the median of three, about three comparisons per
    /// position in all. False when the partitions keep coming out lopsided (a hostile order), for a full sort instead.
    /// </summary>
    private static bool SelectFirst(int[] positions, int count, Comparison<int> compare)
    {
        int left = 0, right = positions.Length - 1, target = count - 1;
        var rounds = 2 * (int)Math.Log2(positions.Length) + 8;
        while (left < right)
        {
            if (--rounds < 0)
            {
                return false;
            }

            var pivot = MedianOfThree(positions[left], positions[left + ((right - left) / 2)], positions[right], compare);
            int i = left, j = right;
            while (i <= j)
            {
                while (compare(positions[i], pivot) < 0)
                {
                    i++;
                }

                while (compare(positions[j], pivot) > 0)
                {
                    j--;
                }

                if (i <= j)
                {
                    (positions[i], positions[j]) = (positions[j], positions[i]);
                    i++;
                    j--;
                }
            }

            // Now [left, j] come before or are the pivot, [i, right] after or are it, and any between are it.
            if (target <= j)
            {
                right = j;
            }
            else if (target >= i)
            {
                left = i;
            }
            else
            {
                break;
            }
        }

        return true;
    }

    private static int MedianOfThree(int a, int b, int c, Comparison<int> compare)
    {
        if (compare(a, b) > 0)
        {
            (a, b) = (b, a);
        }

        return compare(b, c) <= 0 ? b : compare(a, c) >= 0 ? a : c;
    }
}
