using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Connector.Core.Results;
using Connector.Core.Testing;

namespace Connector.Tests.Reliability;

/// <summary>The numbers of the reliability suite: faults injected, documents processed, results per status, duplicates, bad inputs.</summary>
internal static class ReliabilityTally
{
    private static readonly ConcurrentDictionary<OperationStatus, int> Statuses = new();
    private static int _faultsInjected;
    private static int _documents;
    private static int _duplicates;
    private static int _badInputs;
    private static int _randomFilters;

    public static void FaultsInjected(int count) => Interlocked.Add(ref _faultsInjected, count);

    public static void Duplicates(int count) => Interlocked.Add(ref _duplicates, count);

    public static void BadInput() => Interlocked.Increment(ref _badInputs);

    public static void RandomFilters(int count) => Interlocked.Add(ref _randomFilters, count);

    public static void Results(IEnumerable<DocumentResult> results)
    {
        foreach (var result in results)
        {
            Interlocked.Increment(ref _documents);
            Statuses.AddOrUpdate(result.Status, 1, (_, n) => n + 1);
        }
    }

    public static string Summary()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Reliability suite: faults injected {_faultsInjected}, documents processed {_documents}");
        text.Append(CultureInfo.InvariantCulture, $" ({string.Join(", ", Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))})");
        text.Append(CultureInfo.InvariantCulture, $", duplicates found {_duplicates}, bad inputs tried {_badInputs}, random filters checked {_randomFilters}");
        return text.ToString();
    }
}
