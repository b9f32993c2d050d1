using System.Globalization;
using Connector.Sandbox.Usage;

namespace Connector.Sandbox;

/// <summary>Builds usage file spreadsheets in the layout Connect (and the sandbox) accepts: a sheet "records" with a header row.</summary>
public static class UsageSpreadsheet
{
    /// <summary>The header of the "records" sheet.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "record_id", "record_note", "item_search_criteria", "item_search_value", "amount", "quantity",
        "start_time_utc", "end_time_utc", "asset_search_criteria", "asset_search_value", "item_name", "tier",
    ];

    /// <summary>Writes a valid .xlsx usage file with <paramref name="rows"/> to <paramref name="destination"/>.</summary>
    /// <param name="destination">Where the workbook is written (need not be seekable).</param>
    /// <param name="rows">The usage records.</param>
    public static void Write(Stream destination, IEnumerable<UsageRow> rows)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(rows);
        var bytes = XlsxWriter.Write("records", Columns, rows.Select(ToCells));
        destination.Write(bytes);
    }

    private static IReadOnlyList<object?> ToCells(UsageRow row) =>
    [
        row.RecordId,
        row.RecordNote ?? string.Empty,
        row.ItemSearchCriteria,
        row.ItemSearchValue,
        row.Amount is { } amount ? (object)amount : string.Empty,
        row.Quantity,
        Format(row.StartTimeUtc),
        Format(row.EndTimeUtc),
        row.AssetSearchCriteria,
        row.AssetSearchValue,
        row.ItemName ?? string.Empty,
        row.Tier is { } tier ? (object)tier : string.Empty,
    ];

    private static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
