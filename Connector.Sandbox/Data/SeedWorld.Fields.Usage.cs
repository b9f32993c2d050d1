using System.Collections.Frozen;
using System.Globalization;

namespace Connector.Sandbox.Data;

/// <summary>The computed fields of usage files, records, chunks, reconciliations and aggregates (see <see cref="FieldsOf"/>).</summary>
internal sealed partial class SeedWorld
{
    private FrozenDictionary<string, SeededField> UsageFileFields()
    {
        DateTime Created(int f) => CreatedAt(f, UsageFiles);
        int ProductOf(int f) => f % Products;
        return new SeededFieldSet("usage_files")
            .Written("id", f => UsageFileIds.Format(f), risesWithIndex: true)
            .Written("name", UsageFileName)
            .Written("external_id", UsageFileExternalId)
            .Written("status", UsageFileStatus)
            .Written("environment", _ => "production")
            .Written("schema", f => UsageSchemas[f % UsageSchemas.Length])
            .Written("currency", _ => "USD")
            .Written("events.created.at", f => Iso(Created(f)), risesWithIndex: true)
            .Written("events.updated.at", f => UsageEventsUpdatedAt(UsageFileStatus(f), Created(f)))
            .Copied("product.id", f => ProductIds.Format(ProductOf(f)))
            .Copied("product.name", f => ProductName(ProductOf(f)))
            .Copied("vendor.id", f => VendorIds.Format(ProductOf(f) % Partners))
            .Copied("provider.id", f => ProviderIds.Format(f % Marketplaces % Partners))
            .Copied("marketplace.id", f => MarketplaceIds.Format(f % Marketplaces))
            .Copied("contract.id", f => ContractIds.Format(f % Marketplaces))
            .Copied("period.from", f => UsageFileMonth(f).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Copied("period.to", f => UsageFileMonth(f).AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .ToFrozen();
    }

    private FrozenDictionary<string, SeededField> UsageRecordFields()
    {
        var files = Table(UsageFiles, UsageFileIds.Format);
        var fileStatuses = Table(UsageFiles, UsageFileStatus);
        string AssetId(int i) => AssetIds.Format(UsageRecordAsset(i));
        string ItemIdOf(int i) => ItemId(AssetProduct(UsageRecordAsset(i)), UsageRecordItem(i));
        string ProductId(int i) => ProductIds.Format(AssetProduct(UsageRecordAsset(i)));
        return new Dictionary<string, SeededField>
        {
            ["id"] = new(i => UsageRecordIds.Format(i), RisesWithIndex: true),
            ["status"] = new(i => UsageRecordStatus(i, fileStatuses(i % UsageFiles))),
            ["asset.id"] = new(AssetId),
            ["asset_id"] = new(AssetId),
            ["item.id"] = new(ItemIdOf),
            ["item_id"] = new(ItemIdOf),
            ["product_id"] = new(ProductId),
            ["usagefile.id"] = new(i => files(i % UsageFiles)),
            ["start_date"] = new(i => Iso(UsageRecordStart(i))),
            ["end_date"] = new(i => Iso(UsageRecordStart(i).AddHours(1))),
        }.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private FrozenDictionary<string, SeededField> UsageChunkFields()
    {
        DateTime Created(int i) => CreatedAt(i, UsageChunks);
        return new SeededFieldSet("usage_chunks")
            .Written("id", i => UsageChunkIds.Format(i), risesWithIndex: true)
            .Written("status", UsageChunkStatus)
            .Written("usagefile.id", i => UsageFileIds.Format(i % UsageFiles))
            .Written("external_id", UsageChunkExternalId)
            .Written("events.created.at", i => Iso(Created(i)), risesWithIndex: true)
            .Written("events.updated.at", i => UsageEventsUpdatedAt(UsageChunkStatus(i) == "closed" ? "closed" : "pending", Created(i)))
            .Copied("marketplace.id", i => MarketplaceIds.Format(i % UsageFiles % Marketplaces))
            .ToFrozen();
    }

    private FrozenDictionary<string, SeededField> UsageReconciliationFields()
    {
        DateTime Created(int i) => CreatedAt(i, UsageReconciliations);
        return new SeededFieldSet("usage_reconciliations")
            .Written("id", i => UsageReconciliationIds.Format(i), risesWithIndex: true)
            .Written("status", UsageReconciliationStatus)
            .Written("usagefile.id", i => UsageFileIds.Format(i % UsageFiles))
            .Written("partusagefile.id", i => UsageChunkIds.Format(i % UsageChunks))
            .Written("events.created.at", i => Iso(Created(i)), risesWithIndex: true)
            .Written("events.updated.at", i => UsageEventsUpdatedAt("pending", Created(i)), risesWithIndex: true)
            .ToFrozen();
    }

    private FrozenDictionary<string, SeededField> UsageAggregateFields()
    {
        int ProductOf(int i) => AssetProduct(i % Assets);
        return new SeededFieldSet("usage_aggregates")
            .Written("asset.id", i => AssetIds.Format(i % Assets))
            .Written("item.id", i => ItemId(ProductOf(i), 2))
            .Written("item.mpn", i => ItemMpn(ProductOf(i), 2))
            .Written("currency", _ => "USD")
            .Copied("events.last_reported.at", i => Iso(CreatedAt(i, UsageAggregates)), risesWithIndex: true)
            .ToFrozen();
    }
}
