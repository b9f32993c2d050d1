using System.Collections.Frozen;
using System.Globalization;

namespace Connector.Sandbox.Data;

/// <summary>
/// The filter and sort fields of every seeded collection (ids, statuses, types, dates, the ids and names of what a
/// record refers to), computed from the index the way the generators compute them. Filtering and ordering use them
/// instead of building every record, so a filtered, sorted page over hundreds of thousands of records builds only
/// the records it returns; a test checks each field against the generated records of every collection.
/// </summary>
internal sealed partial class SeedWorld
{
    private FrozenDictionary<string, SeededField>? assetFields;

    /// <summary>The computed fields of the collection <paramref name="name"/> (empty for a collection without any).</summary>
    public FrozenDictionary<string, SeededField> FieldsOf(string name) => name switch
    {
        "assets" => AssetFields(),
        "requests" => RequestFields(),
        "subscription_assets" => SubscriptionAssetFields(),
        "subscription_requests" => SubscriptionRequestFields(),
        "tier_accounts" => TierAccountFields("tier_accounts", string.Empty, t => t).ToFrozen(),
        "tier_account_requests" => TierAccountRequestFields(),
        "tier_configs" => ConfigurationFields(new SeededFieldSet("tier_configs"), string.Empty, c => c).ToFrozen(),
        "tier_config_requests" => TierConfigRequestFields(),
        "products" => ProductFields(),
        "usage_files" => UsageFileFields(),
        "usage_records" => UsageRecordFields(),
        "usage_chunks" => UsageChunkFields(),
        "usage_reconciliations" => UsageReconciliationFields(),
        "usage_aggregates" => UsageAggregateFields(),
        "cases" => CaseFields(),
        "conversations" => ConversationFields(),
        "messages" => MessageFields(),
        _ => FrozenDictionary<string, SeededField>.Empty,
    };

    /// <summary>The asset fields, built once: assets, requests and subscription assets (which embed assets) share them.</summary>
    private FrozenDictionary<string, SeededField> AssetFields() => LazyInitializer.EnsureInitialized(ref assetFields, BuildAssetFields);

    private FrozenDictionary<string, SeededField> BuildAssetFields()
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
            ["product.id"] = new(a => products(AssetProduct(a))),
            ["product.name"] = new(a => productNames(AssetProduct(a))),
            ["marketplace.id"] = new(a => marketplaces(a % Marketplaces)),
            ["marketplace.name"] = new(a => marketplaceNames(a % Marketplaces)),
            ["contract.id"] = new(a => contracts(a % Marketplaces)),
            ["connection.id"] = new(a => ConnectionId(AssetProduct(a), a % Marketplaces)),
            ["connection.type"] = new(_ => "production"),
            ["connection.hub.id"] = new(a => HubIds.Format(a % Marketplaces % Hubs)),
            ["connection.provider.id"] = new(a => ProviderIds.Format(a % Marketplaces % Partners)),
            ["connection.vendor.id"] = new(a => VendorIds.Format(AssetProduct(a) % Partners)),
            ["tiers.customer.id"] = new(a => tiers(a % TierAccounts)),
            ["tiers.customer.name"] = new(a => tierNames(a % TierAccounts)),
            ["tiers.tier1.id"] = new(a => tiers((a + 1) % TierAccounts)),
            ["tiers.tier2.id"] = new(a => HasSecondTier(a % TierAccounts) ? tiers((a + 2) % TierAccounts) : null),
            ["template.id"] = new(a => TemplateId(AssetProduct(a), 0)),
            ["created"] = new(Created, RisesWithIndex: true),
            ["events.created.at"] = new(Created, RisesWithIndex: true),
            ["updated"] = new(Updated),
            ["events.updated.at"] = new(Updated),
        }.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// <paramref name="value"/> remembered per index once computed: many records share a product's or a file's values,
    /// and a table of a million is filled only as far as queries reach (a race computes the same string twice).
    /// </summary>
    private static Func<int, string> Table(int count, Func<int, string> value)
    {
        var table = new string?[count];
        return i => table[i] ??= value(i);
    }
}
