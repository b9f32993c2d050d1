using System.Collections.Frozen;

namespace Connector.Sandbox.Data;

/// <summary>The computed fields of fulfillment requests and of the subscriptions API (see <see cref="FieldsOf"/>).</summary>
internal sealed partial class SeedWorld
{
    private FrozenDictionary<string, SeededField> RequestFields()
    {
        DateTime Created(int i) => CreatedAt(i, Requests);
        string Type(int i) => Pick(52, i, RequestTypes);
        string Updated(int i) => Iso(RequestUpdatedAt(i));
        string MarketplaceId(int i) => MarketplaceIds.Format(RequestAsset(i) % Marketplaces);
        var marketplaceNames = Table(Marketplaces, m => (string)MarketplaceRef(m)["name"]!);
        return new SeededFieldSet("requests")
            .Embedded("asset.", AssetFields(), RequestAsset, wholesale: "tiers.")
            .Written("asset.status", i => RequestStatus(i) == "approved" ? "active" : Type(i) == "purchase" ? "processing" : "active")
            .Written("id", i => RequestIds.Format(i), risesWithIndex: true)
            .Written("type", Type)
            .Written("status", RequestStatus)
            .Written("created", i => Iso(Created(i)), risesWithIndex: true)
            .Written("updated", Updated)
            .Written("effective_date", Updated)
            .Copied("marketplace.id", MarketplaceId)
            .Copied("marketplace.name", i => marketplaceNames(RequestAsset(i) % Marketplaces))
            .Written("contract.id", i => ContractIds.Format(RequestAsset(i) % Marketplaces))
            .ToFrozen();
    }

    private FrozenDictionary<string, SeededField> SubscriptionAssetFields()
    {
        DateTime Created(int a) => CreatedAt(a, Assets);
        return new SeededFieldSet("subscription_assets")
            .Embedded(string.Empty, AssetFields(), indexOf: null, wholesale: "tiers.")
            .Copied("events.created.at", a => Iso(Created(a)), risesWithIndex: true)
            .Copied("events.updated.at", a => Iso(Created(a).AddDays(1)), risesWithIndex: true)
            .Copied("billing.next_date", a => Iso(Created(a).AddMonths(1)))
            .Copied("billing.period.uom", a => a % 4 == 0 ? "yearly" : "monthly")
            .ToFrozen();
    }

    private FrozenDictionary<string, SeededField> SubscriptionRequestFields()
    {
        DateTime Created(int i) => CreatedAt(i, SubscriptionRequests);
        return new SeededFieldSet("subscription_requests")
            .Embedded("asset.", SubscriptionAssetFields(), i => i % SubscriptionAssets, wholesale: "tiers.")
            .Written("id", i => SubscriptionRequestIds.Format(i), risesWithIndex: true)
            .Written("type", SubscriptionRequestType)
            .Copied("events.created.at", i => Iso(Created(i)), risesWithIndex: true)
            .Copied("events.updated.at", i => Iso(Created(i).AddHours(2)), risesWithIndex: true)
            .Copied("period.from", i => Iso(Created(i).Date))
            .Copied("period.to", i => Iso(Created(i).Date.AddMonths(1)))
            .ToFrozen();
    }
}
