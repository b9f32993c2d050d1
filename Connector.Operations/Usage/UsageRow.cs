namespace Connector.Operations.Usage;

/// <summary>One usage record: a row of the "records" sheet of the usage file a usage report's UPLOAD action sends.</summary>
public sealed record UsageRow
{
    /// <summary>Record id chosen by the uploader (unique within the file).</summary>
    public required string RecordId { get; init; }

    /// <summary>Free text for people, written to the <c>record_note</c> column; null leaves the cell empty.</summary>
    public string? RecordNote { get; init; }

    /// <summary>How the item is found: <c>item.mpn</c>, <c>item.local_id</c> or <c>item.id</c>.</summary>
    public string ItemSearchCriteria { get; init; } = "item.mpn";

    /// <summary>The value searched with <see cref="ItemSearchCriteria"/>.</summary>
    public required string ItemSearchValue { get; init; }

    /// <summary>Amount (price) of the record; optional.</summary>
    public decimal? Amount { get; init; }

    /// <summary>How much of the item was consumed in the period, in the item's own unit (the <c>quantity</c> column); 0 by default.</summary>
    public decimal Quantity { get; init; }

    /// <summary>Start of the usage period (UTC).</summary>
    public DateTimeOffset StartTimeUtc { get; init; }

    /// <summary>End of the usage period (UTC).</summary>
    public DateTimeOffset EndTimeUtc { get; init; }

    /// <summary>How the asset is found: <c>id</c>, <c>external_id</c> or <c>product.id</c>-style criteria; <c>id</c> by default.</summary>
    public string AssetSearchCriteria { get; init; } = "id";

    /// <summary>The value searched with <see cref="AssetSearchCriteria"/>.</summary>
    public required string AssetSearchValue { get; init; }

    /// <summary>A name for the item, for people reading the file (the <c>item_name</c> column); null leaves the cell empty.</summary>
    public string? ItemName { get; init; }

    /// <summary>Optional tier column (for reseller-level usage).</summary>
    public int? Tier { get; init; }
}
