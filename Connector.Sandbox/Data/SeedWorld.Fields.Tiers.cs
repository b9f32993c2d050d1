using System.Collections.Frozen;
using System.Globalization;

namespace Connector.Sandbox.Data;

/// <summary>The computed fields of tier accounts, their requests, tier configurations and their requests (see <see cref="FieldsOf"/>).</summary>
internal sealed partial class SeedWorld
{
    /// <summary>
    /// The fields of tier account <paramref name="accountOf"/>(i) written at <paramref name="prefix"/> of a record of
    /// <paramref name="shape"/> (<see cref="TierAccountOfShape"/>: a tier account, or the account of a tier account request).
    /// </summary>
    private SeededFieldSet TierAccountFields(string shape, string prefix, Func<int, int> accountOf)
    {
        var set = new SeededFieldSet(shape)
            .Written(prefix + "id", i => TierAccountIds.Format(accountOf(i)), risesWithIndex: prefix.Length == 0)
            .Written(prefix + "name", i => CompanyName(30, accountOf(i)))
            .Written(prefix + "type", i => accountOf(i) % 5 == 4 ? "reseller" : "customer")
            .Written(prefix + "external_id", i => TierAccountExternalId(accountOf(i)))
            .Written(prefix + "external_uid", i => Uuid(31, accountOf(i)))
            .Written(prefix + "environment", _ => "production")
            .Written(prefix + "hub.id", i => HubIds.Format(accountOf(i) % Hubs))
            .Written(prefix + "owner.id", i => ProviderIds.Format(accountOf(i) % Partners));
        // The account of a tier account request is built in another shape (tier_account_versions): its events are left out.
        if (prefix.Length == 0)
        {
            set.Copied("events.created.at", t => Iso(CreatedAt(t, TierAccounts)), risesWithIndex: true)
                .Copied("events.updated.at", t => Iso(CreatedAt(t, TierAccounts).AddDays(t % 30)));
        }

        return set;
    }

    private FrozenDictionary<string, SeededField> TierAccountRequestFields()
    {
        DateTime Created(int i) => CreatedAt(i, TierAccountRequests);
        int ProductOf(int i) => i % Products;
        return TierAccountFields("tier_account_requests", "account.", i => i % TierAccounts)
            .Written("id", i => TierAccountRequestIds.Format(i), risesWithIndex: true)
            .Written("type", _ => "update")
            .Written("status", TierAccountRequestStatus)
            .Copied("product.id", i => ProductIds.Format(ProductOf(i)))
            .Copied("product.name", i => ProductName(ProductOf(i)))
            .Copied("vendor.id", i => VendorIds.Format(ProductOf(i) % Partners))
            .Copied("provider.id", i => ProviderIds.Format(i % TierAccounts % Partners))
            .Copied("events.created.at", i => Iso(Created(i)), risesWithIndex: true)
            .Copied("events.updated.at", i => Iso(Created(i).AddHours(i % 48)))
            .ToFrozen();
    }

    /// <summary>
    /// The fields <see cref="FillConfiguration"/> gives tier configuration <paramref name="configurationOf"/>(i) at
    /// <paramref name="prefix"/>: a tier configuration itself, or the configuration of a tier configuration request.
    /// </summary>
    private SeededFieldSet ConfigurationFields(SeededFieldSet set, string prefix, Func<int, int> configurationOf)
    {
        var top = prefix.Length == 0;
        int ProductOf(int i) => configurationOf(i) % Products;
        int AccountOf(int i) => configurationOf(i) % TierAccounts;
        int MarketplaceOf(int i) => configurationOf(i) % Marketplaces;
        DateTime Created(int i) => CreatedAt(configurationOf(i), TierConfigs);
        set.Written(prefix + "id", i => TierConfigIds.Format(configurationOf(i)), risesWithIndex: top)
            .Written(prefix + "name", i => ConfigurationName(configurationOf(i)))
            .Written(prefix + "account.id", i => TierAccountIds.Format(AccountOf(i)))
            .Written(prefix + "account.name", i => CompanyName(30, AccountOf(i)))
            .Written(prefix + "account.external_id", i => TierAccountExternalId(AccountOf(i)))
            .WrittenNumber(prefix + "tier_level", i => TierLevel(configurationOf(i)))
            .Written(prefix + "status", i => ConfigurationProcessing(configurationOf(i)) ? "processing" : "active")
            .Copied(prefix + "product.id", i => ProductIds.Format(ProductOf(i)))
            .Copied(prefix + "product.name", i => ProductName(ProductOf(i)))
            .Copied(prefix + "connection.id", i => ConnectionId(ProductOf(i), MarketplaceOf(i)))
            .Copied(prefix + "connection.hub.id", i => HubIds.Format(MarketplaceOf(i) % Hubs))
            .Copied(prefix + "connection.provider.id", i => ProviderIds.Format(MarketplaceOf(i) % Partners))
            .Copied(prefix + "connection.vendor.id", i => VendorIds.Format(ProductOf(i) % Partners))
            .Copied(prefix + "template.id", i => TemplateId(ProductOf(i), 0))
            .Copied(prefix + "contract.id", i => ContractIds.Format(MarketplaceOf(i)))
            .Copied(prefix + "marketplace.id", i => MarketplaceIds.Format(MarketplaceOf(i)))
            .Copied(prefix + "events.created.at", i => Iso(Created(i)), risesWithIndex: top)
            .Copied(prefix + "events.updated.at", i => Iso(Created(i).AddDays(1)), risesWithIndex: top);
        if (set.Documents(prefix + "tiers"))
        {
            ConfigurationTierFields(set, prefix, configurationOf);
        }

        return set;
    }

    /// <summary>The ids in the tier chain of the configuration at <paramref name="prefix"/> (<see cref="ConfigurationTiers"/>).</summary>
    private SeededFieldSet ConfigurationTierFields(SeededFieldSet set, string prefix, Func<int, int> configurationOf)
    {
        string? Tier1(int c) => TierLevel(c) == 1 ? TierAccountIds.Format(c % TierAccounts) : null;
        string? Tier2(int c) => TierLevel(c) == 2 ? TierAccountIds.Format(c % TierAccounts)
            : TierAccountParent(c % TierAccounts) is { } parent ? TierAccountIds.Format(parent) : null;
        return set.Written(prefix + "tiers.tier1.id", i => Tier1(configurationOf(i)))
            .Written(prefix + "tiers.tier2.id", i => Tier2(configurationOf(i)));
    }

    private FrozenDictionary<string, SeededField> TierConfigRequestFields()
    {
        DateTime Created(int i) => CreatedAt(i, TierConfigRequests);
        int ConfigurationOf(int i) => i % TierConfigs;
        var set = ConfigurationTierFields(new SeededFieldSet("tier_config_requests"), string.Empty, ConfigurationOf);
        return ConfigurationFields(set, "configuration.", ConfigurationOf)
            .Written("id", i => TierConfigRequestIds.Format(i), risesWithIndex: true)
            .Written("type", i => i % 3 == 0 ? "update" : "setup")
            .Written("status", TierConfigRequestStatus)
            .Written("environment", _ => "production")
            .Written("effective_date", i => TierConfigRequestStatus(i) == "approved" ? Iso(Created(i).AddHours(6)) : null)
            .Written("events.created.at", i => Iso(Created(i)), risesWithIndex: true)
            .Written("events.updated.at", i => Iso(Created(i).AddHours(3)), risesWithIndex: true)
            .Copied("template.id", i => TemplateId(ConfigurationOf(i) % Products, 0))
            .ToFrozen();
    }
}
