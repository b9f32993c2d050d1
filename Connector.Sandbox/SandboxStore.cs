using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Connector.Sandbox.Data;
using Connector.Sandbox.Rql;

namespace Connector.Sandbox;

/// <summary>
/// The sandbox's data: named collections of JSON records (<c>assets</c>, <c>requests</c>, <c>tier_accounts</c>,
/// <c>tier_account_requests</c>, <c>tier_configs</c>, <c>tier_config_requests</c>, <c>subscription_requests</c>,
/// <c>subscription_assets</c>, <c>products</c>, <c>usage_files</c>, <c>usage_records</c>, <c>usage_chunks</c>,
/// <c>usage_reconciliations</c>, <c>usage_aggregates</c>, <c>cases</c>, <c>conversations</c>, <c>messages</c>).
/// Seeded records are generated on demand from the seed; reads return copies, so callers may change them freely.
/// </summary>
public sealed class SandboxStore
{
    private readonly FrozenDictionary<string, RecordCollection> collections;
    private readonly ConcurrentDictionary<string, List<JsonObject>> extraVersions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> files = new(StringComparer.Ordinal);

    internal SandboxStore(SandboxOptions options)
    {
        World = new SeedWorld(options);
        Clock = options.TimeProvider;
        Webhooks = new Events.SandboxWebhooks(options.TimeProvider, options.Seed);
        var w = World;
        RecordCollection Make(string name, IdCodec ids, int count, Func<int, JsonObject> generate, string? shape = null) =>
            new(name, shape ?? name, ids, count, generate, () => w.FieldsOf(name));
        collections = new[]
        {
            Make("assets", w.AssetIds, w.Assets, w.Asset),
            Make("requests", w.RequestIds, w.Requests, w.Request),
            Make("tier_accounts", w.TierAccountIds, w.TierAccounts, w.TierAccount),
            Make("tier_account_requests", w.TierAccountRequestIds, w.TierAccountRequests, w.TierAccountRequest),
            Make("tier_configs", w.TierConfigIds, w.TierConfigs, w.TierConfig),
            Make("tier_config_requests", w.TierConfigRequestIds, w.TierConfigRequests, w.TierConfigRequest),
            Make("subscription_requests", w.SubscriptionRequestIds, w.SubscriptionRequests, w.SubscriptionRequest),
            Make("subscription_assets", w.AssetIds, w.SubscriptionAssets, w.SubscriptionAsset),
            Make("products", w.ProductIds, w.Products, w.Product),
            Make("usage_files", w.UsageFileIds, w.UsageFiles, w.UsageFile),
            Make("usage_records", w.UsageRecordIds, w.UsageRecords, w.UsageRecord),
            Make("usage_chunks", w.UsageChunkIds, w.UsageChunks, w.UsageChunk),
            Make("usage_reconciliations", w.UsageReconciliationIds, w.UsageReconciliations, w.UsageReconciliation),
            Make("usage_aggregates", w.UsageAggregateIds, w.UsageAggregates, w.UsageAggregate),
            Make("cases", w.CaseIds, w.Cases, w.Case),
            Make("conversations", w.ConversationIds, w.Conversations, w.Conversation),
            Make("messages", w.MessageIds, w.Messages, w.Message),
        }.ToFrozenDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var collection in collections.Values)
        {
            collection.Changed = Webhooks.OnChanged;
        }
    }

    /// <summary>The collection names the other members accept (e.g. <c>requests</c>, <c>tier_accounts</c>); fixed when the store is created.</summary>
    public IReadOnlyCollection<string> Collections => collections.Keys;

    internal SeedWorld World { get; }

    internal TimeProvider Clock { get; }

    /// <summary>The registered webhooks, called when a record of their object class changes.</summary>
    internal Events.SandboxWebhooks Webhooks { get; }

    /// <summary>A copy of the record with <paramref name="id"/>, or null.</summary>
    /// <param name="collection">A name from <see cref="Collections"/>, for example <c>requests</c>; any other throws <see cref="ArgumentException"/>.</param>
    /// <param name="id">The record's <c>id</c> (<c>PR-...</c>); null comes back when the collection has no such record.</param>
    public JsonObject? Get(string collection, string id) => this[collection].GetCopy(id);

    /// <summary>How many records the collection holds.</summary>
    /// <param name="collection">A name from <see cref="Collections"/>; any other throws <see cref="ArgumentException"/>.</param>
    public int Count(string collection) => this[collection].Count;

    /// <summary>
    /// How many records a query string selects (its filter; <c>limit</c> and <c>offset</c> in it are ignored), computed
    /// as <see cref="Query"/> selects them but without copying any record.
    /// </summary>
    /// <param name="collection">A name from <see cref="Collections"/>; any other throws <see cref="ArgumentException"/>.</param>
    /// <param name="rql">Decoded query string, as for <see cref="Query"/>; empty counts every record.</param>
    public int Count(string collection, string rql) => Select(this[collection], RqlParser.Parse(rql)).Count;

    /// <summary>
    /// Runs a query string (the same RQL the HTTP API accepts, for example <c>and(eq(status,pending),gt(created,2024-01-01))&amp;ordering(-created)</c>)
    /// and returns copies of ALL matching records (limit and offset in the query are honoured when given).
    /// </summary>
    /// <param name="collection">A name from <see cref="Collections"/>; any other throws <see cref="ArgumentException"/>.</param>
    /// <param name="rql">Decoded query string; empty for everything.</param>
    public IReadOnlyList<JsonObject> Query(string collection, string rql = "")
    {
        var query = RqlParser.Parse(rql);
        var target = this[collection];
        var indices = Select(target, query);
        var start = Math.Min(query.Offset ?? 0, indices.Count);
        var take = query.Limit ?? int.MaxValue;
        var list = new List<JsonObject>();
        for (var i = start; i < indices.Count && list.Count < take; i++)
        {
            if (target.Get(indices[i]) is { } record)
            {
                list.Add(record.Node.DeepClone().AsObject());
            }
        }

        return list;
    }

    /// <summary>Stores <paramref name="record"/>: replaces the record with the same id, or adds it (a new id is assigned when it has none).</summary>
    /// <param name="collection">A name from <see cref="Collections"/>; any other throws <see cref="ArgumentException"/>.</param>
    /// <param name="record">Copied before it is stored, so later changes to it do not reach the store; an <c>id</c> in it picks the record to replace.</param>
    /// <returns>The id of the stored record.</returns>
    public string Put(string collection, JsonObject record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var target = this[collection];
        var copy = record.DeepClone().AsObject();
        var id = (string?)copy["id"];
        if (id is not null && target.Ids.Parse(id) is { } index && index < target.IndexLimit)
        {
            target.Replace(copy);
            return id;
        }

        return target.Add(newId =>
        {
            copy["id"] = newId;
            return copy;
        });
    }

    /// <summary>
    /// Puts the data back as seeded, as a restart with the same options would, without one: records created since are
    /// gone (and the next created gets the same id as after a restart), changed or deleted ones are as generated, tier
    /// account versions and uploaded files added since are dropped. Webhook registrations, faults and the request log
    /// are not the API's data and stay. Requests running meanwhile may keep their writes.
    /// </summary>
    public void Reset()
    {
        foreach (var collection in collections.Values)
        {
            collection.ResetToSeed();
        }

        extraVersions.Clear();
        files.Clear();
    }

    /// <summary>The indices of the records of <paramref name="target"/> that <paramref name="query"/>'s filter selects, in its order (limit and offset not applied).</summary>
    internal QueryResult Select(RecordCollection target, RqlQuery query) => CollectionQuery.Run(target, query, path => IsKnownField(target, path));

    internal RecordCollection this[string name] =>
        collections.TryGetValue(name, out var c) ? c : throw new ArgumentException($"Unknown collection '{name}'.", nameof(name));

    internal List<JsonObject> Versions(string accountId)
    {
        var accounts = this["tier_accounts"];
        var index = accounts.Ids.Parse(accountId);
        if (index is null || accounts.Get(index.Value) is null)
        {
            return [];
        }

        var list = new List<JsonObject>();
        if (index.Value < accounts.SeededCount)
        {
            for (var v = 1; v <= World.TierAccountVersionCount(index.Value); v++)
            {
                list.Add(World.TierAccountVersion(index.Value, v));
            }
        }

        if (extraVersions.TryGetValue(accountId, out var extra))
        {
            lock (extra)
            {
                list.AddRange(extra.Select(x => x.DeepClone().AsObject()));
            }
        }

        return list;
    }

    internal void AddVersion(string accountId, JsonObject version)
    {
        var list = extraVersions.GetOrAdd(accountId, _ => []);
        lock (list)
        {
            list.Add(version.DeepClone().AsObject());
        }
    }

    internal void PutFile(string key, byte[] content) => files[key] = content;

    internal byte[]? GetFile(string key) => files.TryGetValue(key, out var content) ? content : null;

    private bool IsKnownField(RecordCollection collection, string path) =>
        ShapeCatalog.Instance.IsKnownPath(collection.ShapeName, path) || ExtraKnownFields.Contains(path) || collection.SeededFields.ContainsKey(path);

    private static readonly FrozenSet<string> ExtraKnownFields = new[]
    {
        "asset.tiers.customer.id", "asset.tiers.tier1.id", "asset.tiers.tier2.id", "tiers.customer.id", "tiers.tier1.id",
        "tiers.tier2.id", "account.id", "configuration.account.id", "id",
    }.ToFrozenSet(StringComparer.Ordinal);
}
