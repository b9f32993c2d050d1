using System.Globalization;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Data;

/// <summary>Tier accounts, their versions and requests, tier configurations and their requests.</summary>
internal sealed partial class SeedWorld
{
    private static readonly string[] TierConfigRequestStatuses = ["pending", "pending", "approved", "inquiring", "failed", "approved"];
    private static readonly string[] TierAccountRequestStatuses = ["pending", "pending", "accepted", "ignored", "accepted"];

    public string TierAccountRequestStatus(int i) => Pick(71, i, TierAccountRequestStatuses);

    /// <summary>
    /// The status of seeded tier config request <paramref name="i"/>: the first request of a processing configuration
    /// (<see cref="OpenRequestOf"/>) is pending, the others' vary.
    /// </summary>
    public string TierConfigRequestStatus(int i) =>
        i < TierConfigs && ConfigurationProcessing(i) ? "pending" : Pick(81, i, TierConfigRequestStatuses);

    /// <summary>Whether seeded tier configuration <paramref name="c"/> is processing (a request of it is open) rather than active.</summary>
    public static bool ConfigurationProcessing(int c) => c % 7 == 3;

    /// <summary>
    /// The id of the open request of seeded tier configuration <paramref name="c"/>, as a processing configuration names it
    /// (<c>open_request: {id}</c>, as the captured processing ones do): its first request, or null when it is active.
    /// </summary>
    public string? OpenRequestOf(int c) => ConfigurationProcessing(c) && c < TierConfigRequests ? TierConfigRequestIds.Format(c) : null;

    public int TierAccountVersionCount(int t) => 1 + (t % 3);

    public static string TierAccountExternalId(int t) => "EXT-TA-" + t.ToString(CultureInfo.InvariantCulture);

    /// <summary>The name of tier configuration <paramref name="c"/>: its product's, for its account.</summary>
    public string ConfigurationName(int c) => ProductName(c % Products) + " configuration for " + CompanyName(30, c % TierAccounts);

    public JsonObject TierAccount(int t) => TierAccountOfShape("tier_accounts", t);

    public JsonObject TierAccountVersion(int t, int version)
    {
        var r = TierAccountOfShape("tier_account_versions", t);
        r["version"] = version;
        if (version < TierAccountVersionCount(t))
        {
            r["name"] = CompanyName(30, t) + " (v" + version.ToString(CultureInfo.InvariantCulture) + ")";
        }

        return r;
    }

    private JsonObject TierAccountOfShape(string shape, int t)
    {
        var r = NewRecord(shape);
        var created = CreatedAt(t, TierAccounts);
        var reseller = t % 5 == 4;
        r["id"] = TierAccountIds.Format(t);
        r["version"] = TierAccountVersionCount(t);
        r["name"] = CompanyName(30, t);
        r["type"] = reseller ? "reseller" : "customer";
        r["db"] = Pick(33, t, ["US", "EU", "JP", "AU"]);
        r["external_id"] = TierAccountExternalId(t);
        r["external_uid"] = Uuid(31, t);
        r["parent"] = TierAccountParent(t) is { } parent
            ? Json.Obj(("id", TierAccountIds.Format(parent)), ("name", CompanyName(30, parent)), ("external_id", TierAccountExternalId(parent)))
            : null;
        r["owner"] = ProviderRef(t % Partners);
        r["scopes"] = new JsonArray(reseller ? "tier1" : "customer");
        r["hub"] = HubRef(t % Hubs);

        // The marketplace of the account's hub, which real tier accounts (and the accounts of tier account requests) carry though no tier account schema of the document has it.
        r["marketplace"] = MarketplaceRef(t % Hubs);
        r["tax_id"] = "TX" + (100000000 + t).ToString(CultureInfo.InvariantCulture);
        r["environment"] = "production";
        r["contact_info"] = ContactInfo(32, t);
        Over(r, "events", Json.Obj(
            ("created", Json.Obj(("at", Iso(created)))),
            ("updated", Json.Obj(("at", Iso(created.AddDays(t % 30)))))));
        PutEventActors(r, t);
        if (r["events"] is JsonObject events)
        {
            events.Remove("decommissioned");
        }

        return r;
    }

    public JsonObject TierAccountRequest(int i)
    {
        var r = NewRecord("tier_account_requests");
        var t = i % TierAccounts;
        var p = i % Products;
        var created = CreatedAt(i, TierAccountRequests);
        var status = TierAccountRequestStatus(i);
        r["id"] = TierAccountRequestIds.Format(i);
        r["type"] = "update";
        r["status"] = status;
        r["account"] = TierAccountOfShape("tier_account_versions", t);
        Over(r, "vendor", VendorRef(p % Partners));
        Over(r, "provider", ProviderRef(t % Partners));
        PutProductRef(r, p);
        r["reason"] = status == "ignored" ? "Not relevant for this product." : null;
        Over(r, "events", Json.Obj(
            ("created", Json.Obj(("at", Iso(created)))),
            ("updated", Json.Obj(("at", Iso(created.AddHours(i % 48)))))));
        PutEventActors(r, i);
        return r;
    }

    /// <summary>The tier level of configuration <paramref name="c"/>: 1 or 2, a JSON number as Connect sends it (the document's string enum lists numbers).</summary>
    internal static int TierLevel(int c) => c % 2 == 0 ? 1 : 2;

    private void FillConfiguration(JsonObject r, int c)
    {
        var p = c % Products;
        var t = c % TierAccounts;
        var m = c % Marketplaces;
        var created = CreatedAt(c, TierConfigs);
        r["id"] = TierConfigIds.Format(c);
        r["name"] = ConfigurationName(c);
        var account = TierRef(t, withId: true);
        r["account"] = account;
        PutProductRef(r, p);
        var level = TierLevel(c);
        r["tier_level"] = level;
        Over(r, "connection", ConnectionRef(p, m));
        Over(r, "events", Json.Obj(("created", Json.Obj(("at", Iso(created)))), ("updated", Json.Obj(("at", Iso(created.AddDays(1)))))));
        PutEventActors(r, c);
        if (r["params"] is JsonArray { Count: > 0 } ps && ps[0] is JsonObject paramTemplate)
        {
            var list = new JsonArray();
            for (var k = 0; k < 2; k++)
            {
                list.Add(AssetParam(p, k, c, paramTemplate, "tier" + level));
            }

            r["params"] = list;
        }

        PutRenderedTemplate(r, p);

        // No product configuration values (the shape's template has a placeholder one), as the captured ones mostly carry.
        if (r["configuration"] is JsonObject configuration)
        {
            configuration["params"] = new JsonArray();
        }

        r["open_request"] = OpenRequestOf(c) is { } open ? Json.Obj(("id", open)) : null;
        r["status"] = ConfigurationProcessing(c) ? "processing" : "active";
        Over(r, "contract", ContractRef(m));
        Over(r, "marketplace", MarketplaceRef(m));
        if (r.ContainsKey("tiers"))
        {
            r["tiers"] = ConfigurationTiers(c);
        }
    }

    /// <summary>
    /// The tier chain of configuration <paramref name="c"/> as real tier configurations and their requests name it (all 9
    /// captured ones that have one): an object of tier account objects keyed by level, the configuration's account at its
    /// own level; a first-level one names above it the account's parent reseller as <c>tier2</c>, an empty object when
    /// the account has none.
    /// </summary>
    private JsonObject ConfigurationTiers(int c)
    {
        var account = TierRef(c % TierAccounts, withId: true);
        if (TierLevel(c) == 2)
        {
            return Json.Obj(("tier2", account));
        }

        return Json.Obj(("tier1", account), ("tier2", TierAccountParent(c % TierAccounts) is { } parent ? TierRef(parent, withId: true) : new JsonObject()));
    }

    /// <summary>The reseller tier account above tier account <paramref name="t"/>, or null for a reseller and the first few customers (which have none).</summary>
    private static int? TierAccountParent(int t) => t % 5 == 4 || t < 5 ? null : (t / 5 * 5) - 1;

    public JsonObject TierConfig(int c)
    {
        var r = NewRecord("tier_configs");
        FillConfiguration(r, c);
        return r;
    }

    public JsonObject TierConfigRequest(int i)
    {
        var r = NewRecord("tier_config_requests");
        var c = i % TierConfigs;
        var status = TierConfigRequestStatus(i);
        var created = CreatedAt(i, TierConfigRequests);
        r["id"] = TierConfigRequestIds.Format(i);
        r["type"] = i % 3 == 0 ? "update" : "setup";
        r["status"] = status;
        var configuration = (JsonObject)r["configuration"]!;
        FillConfiguration(configuration, c);

        // Real tier config requests carry the parameters they set as an array of parameter objects.
        r["params"] = configuration["params"] is JsonArray parameters ? parameters.DeepClone() : new JsonArray();
        r["parent_configuration"] = null;
        r["previous_approved_request"] = null;
        r["assignee"] = status is "pending" or "inquiring" && i % 2 == 0 ? UserRef(i % 5) : null;
        PutRenderedTemplate(r, c % Products);
        r["reason"] = status == "failed" ? "Configuration rejected by the vendor." : null;
        r["activation"] = Json.Obj(("link", "https://example.com/activate/" + r["id"]!.GetValue<string>()));
        r["notes"] = null;
        r["environment"] = "production";
        r["effective_date"] = status == "approved" ? Iso(created.AddHours(6)) : null;
        r["tiers"] = ConfigurationTiers(c);
        Over(r, "sli", Json.Obj(("zone", 1 + (i % 3)), ("days", 2)));
        // Each step the request took, as real ones record them: pended when it was submitted, inquired, approved (the last
        // step is the update).
        var events = Json.Obj(
            ("created", Json.Obj(("at", Iso(created)), ("by", UserRef(i % 5)))),
            ("updated", Json.Obj(("at", Iso(created.AddHours(3))), ("by", UserRef(i % 5)))),
            ("pended", Json.Obj(("at", Iso(created.AddMinutes(1))), ("by", UserRef(i % 5)))));
        if (status == "inquiring")
        {
            events["inquired"] = Json.Obj(("at", Iso(created.AddHours(2))), ("by", UserRef(i % 5)));
        }
        else if (status == "approved")
        {
            events["approved"] = Json.Obj(("at", Iso(created.AddHours(3))), ("by", UserRef(i % 5)));
        }

        r["events"] = events;
        return r;
    }
}
