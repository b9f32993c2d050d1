using System.Collections.Frozen;
using System.Globalization;

namespace Connector.Sandbox.Data;

/// <summary>
/// The documented filter and sort fields of the collections that grow to millions (assets, usage records), computed
/// from the index the way the generators compute them. Filtering and ordering use them instead of building every
/// record; a test checks each one against the generated records.
/// </summary>
internal sealed partial class SeedWorld
{
    /// <summary>The computed fields of the collection <paramref name="name"/> (empty for the collections that stay small).</summary>
    public FrozenDictionary<string, SeededField> FieldsOf(string name) => name switch
    {
        "assets" => AssetFields(),
        "usage_records" => UsageRecordFields(),
        _ => FrozenDictionary<string, SeededField>.Empty,
    };

    private FrozenDictionary<string, SeededField> AssetFields()
    {
        var products = Table(Products, ProductIds.Format);
        var productNames = Table(Products, ProductName);
        var marketplaces = Table(Marketplaces, MarketplaceIds.Format);
        var marketplaceNames = Table(Marketplaces, m => (string)MarketplaceRef(m)["name"]!);
        var tiers = Table(TierAccounts, TierAccountIds.Format);
        var tierNames = Table(TierAccounts, t => CompanyName(30, t));
        var contracts = Table(Marketplaces, ContractIds.Format);
        string Created(int a) => Iso(CreatedAt(a, Assets));
        string Updated(int a) => Iso(CreatedAt(a, Assets).AddHours(Pick(22, a, 72)));
        return new Dictionary<string, SeededField>
        {
            ["id"] = new(a => AssetIds.Format(a), RisesWithIndex: true),
            ["status"] = new(a => AssetStatus(a)),
            ["external_id"] = new(a => (100000 + a).ToString(CultureInfo.InvariantCulture)),
            ["external_uid"] = new(a => Uuid(20, a)),
            ["product.id"] = new(a => products[AssetProduct(a)]),
            ["product.name"] = new(a => productNames[AssetProduct(a)]),
            ["marketplace.id"] = new(a => marketplaces[a % Marketplaces]),
            ["marketplace.name"] = new(a => marketplaceNames[a % Marketplaces]),
            ["contract.id"] = new(a => contracts[a % Marketplaces]),
            ["connection.id"] = new(a => ConnectionIds.Format((AssetProduct(a) * Marketplaces) + (a % Marketplaces))),
            ["connection.type"] = new(_ => "production"),
            ["connection.hub.id"] = new(a => HubIds.Format(a % Marketplaces % Hubs)),
            ["connection.provider.id"] = new(a => ProviderIds.Format(a % Marketplaces % Partners)),
            ["connection.vendor.id"] = new(a => VendorIds.Format(AssetProduct(a) % Partners)),
            ["tiers.customer.id"] = new(a => tiers[a % TierAccounts]),
            ["tiers.customer.name"] = new(a => tierNames[a % TierAccounts]),
            ["tiers.tier1.id"] = new(a => tiers[(a + 1) % TierAccounts]),
            ["tiers.tier2.id"] = new(a => tiers[(a + 2) % TierAccounts]),
            ["template.id"] = new(a => TemplateId(AssetProduct(a), 0)),
            ["created"] = new(Created, RisesWithIndex: true),
            ["events.created.at"] = new(Created, RisesWithIndex: true),
            ["updated"] = new(Updated),
            ["events.updated.at"] = new(Updated),
        }.ToFrozenDictionary(StringComparer.Ordinal);
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
            ["status"] = new(i => UsageRecordStatus(i, fileStatuses[i % UsageFiles])),
            ["asset.id"] = new(AssetId),
            ["asset_id"] = new(AssetId),
            ["item.id"] = new(ItemIdOf),
            ["item_id"] = new(ItemIdOf),
            ["product_id"] = new(ProductId),
            ["usagefile.id"] = new(i => files[i % UsageFiles]),
            ["start_date"] = new(i => Iso(UsageRecordStart(i))),
            ["end_date"] = new(i => Iso(UsageRecordStart(i).AddHours(1))),
        }.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string[] Table(int count, Func<int, string> value)
    {
        var table = new string[count];
        for (var i = 0; i < count; i++)
        {
            table[i] = value(i);
        }

        return table;
    }
}
