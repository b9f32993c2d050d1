using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connector.Benchmarks.Harness;

/// <summary>Writes the rows as a readable table and as the JSON array of <c>--json</c>.</summary>
internal static class ResultReport
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Table(IReadOnlyList<ScenarioRow> rows)
    {
        string[] headers = ["scenario", "records", "connector s", "baseline s", "ratio", "ratio 95%", "conn rec/s", "base rec/s", "peak WS MB", "heap MB", "target", "met"];
        var cells = rows.Select(r => new[]
        {
            r.Scenario,
            r.Records.ToString("N0", CultureInfo.InvariantCulture),
            Number(r.ConnectorSeconds, "0.000"),
            Number(r.BaselineSeconds, "0.000"),
            Number(r.Ratio, "0.00"),
            r.RatioLow is { } low && r.RatioHigh is { } high ? $"{Number(low, "0.00")}-{Number(high, "0.00")}" : "-",
            Number(r.ConnectorRecordsPerSecond, "N0"),
            Number(r.BaselineRecordsPerSecond, "N0"),
            Number(r.PeakWorkingSetMb, "0.0"),
            Number(r.PeakManagedHeapMb, "0.0"),
            r.Target,
            r.Met switch { true => "yes", false => "NO", null => "-" },
        }).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        var text = new StringBuilder();
        AppendLine(text, headers, widths);
        text.AppendLine(string.Join("-|-", widths.Select(w => new string('-', w))));
        foreach (var row in cells)
        {
            AppendLine(text, row, widths);
        }

        var notes = rows.Where(r => r.Notes.Length > 0).ToList();
        if (notes.Count > 0)
        {
            text.AppendLine();
            foreach (var row in notes)
            {
                text.Append(CultureInfo.InvariantCulture, $"{row.Scenario}: {row.Notes}").AppendLine();
            }
        }

        return text.ToString();
    }

    public static async Task WriteJsonAsync(string path, IReadOnlyList<ScenarioRow> rows, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, rows, JsonOptions, cancellationToken).ConfigureAwait(false);
    }

    private static string Number(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";

    private static void AppendLine(StringBuilder text, IReadOnlyList<string> cells, IReadOnlyList<int> widths)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            var alignRight = i is > 0 and < 10;
            text.Append(alignRight ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
            text.Append(i == cells.Count - 1 ? string.Empty : " | ");
        }

        text.AppendLine();
    }
}
