using System.Runtime.CompilerServices;
using Connector.Sandbox.Data;
using NUnit.Framework;

namespace Connector.Tests.Sandbox.Data;

/// <summary>
/// The ordered matches of a large query are sorted only as far as pages ask, and every position holds what a full sort
/// puts there, whatever pages are asked for and in what order, by one reader or several at once.
/// </summary>
[TestFixture]
[Category("Sandbox")]
public sealed class PartlySortedMatchesTests
{
    private const int Count = 50_000;

    [Test]
    public void A_first_page_is_the_full_sort_s_and_sorts_far_less_than_every_match()
    {
        var (matches, keys) = Matches(seed: 1);
        var (ordered, comparisons) = Counted(matches, keys);
        var expected = FullSort(matches, keys);

        var firstPage = Enumerable.Range(0, 100).Select(p => ordered[p]).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ordered, Has.Count.EqualTo(Count));
            Assert.That(firstPage, Is.EqualTo(expected.Take(100)));
            // A full sort of 50,000 takes about 50,000 x 15 comparisons; a quickselect of the first 1,024 about 50,000 x 3.
            Assert.That(comparisons.Value, Is.LessThan(Count * 4), "the first page should not sort every match");
        }
    }

    [Test]
    public void A_page_far_from_the_sorted_part_is_read_from_one_selection()
    {
        var (matches, keys) = Matches(seed: 5);
        var (ordered, comparisons) = Counted(matches, keys);
        var expected = FullSort(matches, keys);

        var page = Enumerable.Range(4_000, 1_000).Select(p => ordered[p]).ToList();
        TestContext.Out.WriteLine($"{comparisons.Value} comparisons for a page of 1,000 at offset 4,000 of {Count}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(page, Is.EqualTo(expected.Skip(4_000).Take(1_000)));
            // One selection of the first 5,023 and a sort of those: about 3 x 50,000 + 5,023 x 12; a second selection
            // for the page's last positions would add about as much again.
            Assert.That(comparisons.Value, Is.LessThan(Count * 5), "the page should be read from one selection");
        }
    }

    [TestCase(new[] { 0, 4_000, 100, 20_000, 49_999, 7 })]
    [TestCase(new[] { 49_999, 0 })]
    [TestCase(new[] { 1_023, 1_024, 2_047, 2_048, 5_000 })]
    public void Pages_at_any_offsets_in_any_order_are_the_full_sort_s(int[] offsets)
    {
        var (matches, keys) = Matches(seed: 2);
        var ordered = new PartlySortedMatches(matches, (x, y) => Compare(matches, keys, x, y));
        var expected = FullSort(matches, keys);

        foreach (var offset in offsets)
        {
            var page = Enumerable.Range(offset, Math.Min(100, Count - offset)).Select(p => ordered[p]).ToList();
            Assert.That(page, Is.EqualTo(expected.Skip(offset).Take(100)), $"offset {offset}");
        }

        Assert.That(ordered.ToList(), Is.EqualTo(expected));
    }

    [Test]
    public async Task Concurrent_readers_see_the_full_sort_s_positions()
    {
        var (matches, keys) = Matches(seed: 3);
        var ordered = new PartlySortedMatches(matches, (x, y) => Compare(matches, keys, x, y));
        var expected = FullSort(matches, keys);

        var readers = Enumerable.Range(0, 8).Select(r => Task.Run(() =>
        {
            var random = new Random(r);
            var wrong = 0;
            for (var k = 0; k < 2_000; k++)
            {
                var position = r % 2 == 0 ? k * 7 % 9_000 : random.Next(Count);
                wrong += ordered[position] == expected[position] ? 0 : 1;
            }

            return wrong;
        })).ToList();

        Assert.That(await Task.WhenAll(readers), Is.All.Zero);
    }

    [Test]
    public void Positions_outside_the_matches_are_refused()
    {
        var (matches, keys) = Matches(seed: 4);
        var ordered = new PartlySortedMatches(matches, (x, y) => Compare(matches, keys, x, y));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => ordered[-1], Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => ordered[Count], Throws.TypeOf<ArgumentOutOfRangeException>());
        }
    }

    /// <summary>Record indices with few distinct keys (many ties, broken by index, as the sandbox's orderings are).</summary>
    private static (List<int> Matches, int[] Keys) Matches(int seed)
    {
        var random = new Random(seed);
        var matches = Enumerable.Range(0, Count).Select(i => (i * 3) + random.Next(3)).ToList();
        var keys = matches.Select(_ => random.Next(500)).ToArray();
        return (matches, keys);
    }

    /// <summary>The ordered matches, with a count of the comparisons they make.</summary>
    private static (PartlySortedMatches Ordered, StrongBox<int> Comparisons) Counted(List<int> matches, int[] keys)
    {
        var comparisons = new StrongBox<int>();
        var ordered = new PartlySortedMatches(matches, (x, y) =>
        {
            Interlocked.Increment(ref comparisons.Value);
            return Compare(matches, keys, x, y);
        });
        return (ordered, comparisons);
    }

    private static int Compare(List<int> matches, int[] keys, int x, int y) =>
        keys[x] != keys[y] ? keys[y].CompareTo(keys[x]) : matches[x].CompareTo(matches[y]);

    private static List<int> FullSort(List<int> matches, int[] keys) =>
        [.. Enumerable.Range(0, Count).OrderByDescending(p => keys[p]).ThenBy(p => matches[p]).Select(p => matches[p])];
}
