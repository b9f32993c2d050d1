using System.Globalization;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Data;

/// <summary>
/// The deterministic generator of the seeded data: every record is a pure function of (seed, collection, index),
/// cross-referenced by index arithmetic (asset i uses product i mod P, tier accounts i, i+1, i+2 mod T, ...).
/// </summary>
internal sealed partial class SeedWorld
{
    public const int Marketplaces = 5;
    public const int Hubs = 3;
    public const int Partners = 3;
    public const int ItemsPerProduct = 3;
    public const int ParametersPerProduct = 7;
    public const int TemplatesPerProduct = 3;
    public const int MessagesPerConversation = 2;

    private static readonly DateTime BaseDate = new(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Companies =
    [
        "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Wonka", "Tyrell", "Soylent",
        "Cyberdyne", "Vandelay", "Massive Dynamic", "Aperture", "Oscorp", "Pied Piper",
    ];

    private static readonly string[] CompanySuffixes = [", Inc.", " LLC", " Ltd", " GmbH", " S.A.", " (EU)", " Corp", " & Co"];
    private static readonly string[] FirstNames = ["Jane", "John", "Maria", "Ahmed", "Yuki", "Olga", "Pierre", "Lucia", "Ken", "Amara"];
    private static readonly string[] LastNames = ["Doe", "Smith", "Garcia", "Khan", "Tanaka", "Ivanova", "Dubois", "Rossi", "Mori", "Okafor"];
    private static readonly (string City, string State, string Country, string Postal)[] Places =
    [
        ("Springfield", "IL", "US", "62701"), ("Barcelona", "Catalonia", "ES", "08001"), ("Berlin", "Berlin", "DE", "10115"),
        ("Toronto", "ON", "CA", "M5H 2N2"), ("Sydney", "NSW", "AU", "2000"), ("Osaka", "Osaka", "JP", "530-0001"),
    ];

    private static readonly string[] ProductNames =
    [
        "Cloud Backup", "Office Suite", "Antivirus Pro", "Web Hosting", "Video Conferencing", "CRM Online",
        "Data Warehouse", "Email Security", "Virtual Desktop", "Password Vault",
    ];

    private readonly ShapeCatalog shapes = ShapeCatalog.Instance;
    /// <summary>The most shared fragments kept (<see cref="Fragment"/>); a sandbox of the default size keeps a few thousand.</summary>
    internal const int MaxCachedFragments = 16_384;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> templates = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> fragments = new(StringComparer.Ordinal);
    private int cachedFragments;

    public SeedWorld(SandboxOptions options)
    {
        Seed = options.Seed;
        var n = Math.Max(1, options.RecordsPerType);
        Products = n;
        TierAccounts = Math.Max(3, n);
        Assets = Math.Max(1, options.AssetCount ?? n);
        Requests = n;
        TierAccountRequests = n;
        TierConfigs = n;
        TierConfigRequests = n;
        SubscriptionRequests = n;
        SubscriptionAssets = Math.Min(n, Assets);
        UsageFiles = n;
        UsageRecords = Math.Max(0, options.UsageRecordCount ?? n);
        UsageChunks = n;
        UsageReconciliations = n;
        UsageAggregates = Math.Min(n, Assets);
        Cases = n;
        Conversations = Requests + Cases;
        Messages = Conversations * MessagesPerConversation;

        AssetIds = new IdCodec("AS", Seed);
        RequestIds = new IdCodec("PR", Seed, "-001");
        TierAccountIds = new IdCodec("TA", Seed);
        TierAccountRequestIds = new IdCodec("TAR", Seed, "-001");
        TierConfigIds = new IdCodec("TC", Seed);
        TierConfigRequestIds = new IdCodec("TCR", Seed, "-001");
        SubscriptionRequestIds = new IdCodec("BRV", Seed);
        ProductIds = new IdCodec("PRD", Seed);
        UsageFileIds = new IdCodec("UF", Seed);
        UsageRecordIds = new IdCodec("UR", Seed);
        UsageChunkIds = new IdCodec("UFC", Seed);
        UsageReconciliationIds = new IdCodec("URF", Seed);
        UsageAggregateIds = new IdCodec("UAG", Seed);
        CaseIds = new IdCodec("CA", Seed);
        ConversationIds = new IdCodec("CO", Seed);
        MessageIds = new IdCodec("ML", Seed);
        MarketplaceIds = new IdCodec("MP", Seed);
        HubIds = new IdCodec("HB", Seed);
        VendorIds = new IdCodec("VA", Seed);
        ProviderIds = new IdCodec("PA", Seed);
        UserIds = new IdCodec("UR", Seed + 1);
        ContractIds = new IdCodec("CRD", Seed);
        ConnectionIds = new IdCodec("CT", Seed);
    }

    public int Seed { get; }

    public int Products { get; }

    public int TierAccounts { get; }

    public int Assets { get; }

    public int Requests { get; }

    public int TierAccountRequests { get; }

    public int TierConfigs { get; }

    public int TierConfigRequests { get; }

    public int SubscriptionRequests { get; }

    public int SubscriptionAssets { get; }

    public int UsageFiles { get; }

    public int UsageRecords { get; }

    public int UsageChunks { get; }

    public int UsageReconciliations { get; }

    public int UsageAggregates { get; }

    public int Cases { get; }

    public int Conversations { get; }

    public int Messages { get; }

    public IdCodec AssetIds { get; }

    public IdCodec RequestIds { get; }

    public IdCodec TierAccountIds { get; }

    public IdCodec TierAccountRequestIds { get; }

    public IdCodec TierConfigIds { get; }

    public IdCodec TierConfigRequestIds { get; }

    public IdCodec SubscriptionRequestIds { get; }

    public IdCodec ProductIds { get; }

    public IdCodec UsageFileIds { get; }

    public IdCodec UsageRecordIds { get; }

    public IdCodec UsageChunkIds { get; }

    public IdCodec UsageReconciliationIds { get; }

    public IdCodec UsageAggregateIds { get; }

    public IdCodec CaseIds { get; }

    public IdCodec ConversationIds { get; }

    public IdCodec MessageIds { get; }

    public IdCodec MarketplaceIds { get; }

    public IdCodec HubIds { get; }

    public IdCodec VendorIds { get; }

    public IdCodec ProviderIds { get; }

    public IdCodec UserIds { get; }

    public IdCodec ContractIds { get; }

    public IdCodec ConnectionIds { get; }

    /// <summary>
    /// A fresh copy of the filled template of a shape. It is parsed from the template's cached UTF-8 bytes, so the
    /// sub-trees a generator does not touch stay unmaterialized and serialize by copying the original bytes.
    /// </summary>
    public JsonObject NewRecord(string shapeName) => JsonNode.Parse(Template(shapeName))!.AsObject();

    /// <summary>A fresh copy of the object at <paramref name="path"/> of a shape's template (empty when the template has none there).</summary>
    public JsonObject NewSubRecord(string shapeName, string path) => JsonNode.Parse(templates.GetOrAdd(
        shapeName + "#" + path,
        static (_, at) => SandboxJson.Bytes(JsonPath.Find(at.World.NewRecord(at.Shape), at.Path) as JsonObject ?? []),
        (World: this, Shape: shapeName, Path: path)))!.AsObject();

    /// <summary>How many shared fragments are kept (at most <see cref="MaxCachedFragments"/>).</summary>
    internal int CachedFragments => Volatile.Read(ref cachedFragments);

    /// <summary>
    /// A sub-object shared by many records (a product or tier reference...), built once and kept as UTF-8: every use
    /// parses it lazily, so it is copied byte for byte when serialized and never rebuilt. Only the first
    /// <see cref="MaxCachedFragments"/> keys are kept: past them (a sandbox of hundreds of thousands of products or
    /// accounts, where a key is used by a record or two) a fragment is built for its use, so memory stays bounded.
    /// </summary>
    public JsonNode Fragment(string key, Func<JsonNode> build)
    {
        if (fragments.TryGetValue(key, out var bytes))
        {
            return JsonNode.Parse(bytes)!;
        }

        var built = build();
        if (Volatile.Read(ref cachedFragments) < MaxCachedFragments && fragments.TryAdd(key, SandboxJson.Bytes(built)))
        {
            Interlocked.Increment(ref cachedFragments);
        }

        return built;
    }

    /// <summary>The template's object at <paramref name="path"/> of <paramref name="shapeName"/>, filled from <paramref name="source"/>, as a shared fragment.</summary>
    public JsonNode Shaped(string shapeName, string path, string key, Func<JsonObject> source) =>
        Fragment(shapeName + "|" + path + "|" + key, () =>
        {
            var target = NewSubRecord(shapeName, path);
            Json.CopyExisting(target, source());
            return target;
        });

    /// <summary>The filled template of a shape as UTF-8, built on first use.</summary>
    private byte[] Template(string shapeName) =>
        templates.GetOrAdd(shapeName, static (name, world) => SandboxJson.Bytes(ShapeFiller.Fill(world.shapes[name])), this);

    /// <summary>A deterministic 64-bit hash of (seed, salt, index).</summary>
    public ulong Hash(int salt, int index)
    {
        var x = ((ulong)(uint)Seed << 32) ^ ((ulong)(uint)salt * 0x9E3779B97F4A7C15UL) ^ (uint)index;
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public int Pick(int salt, int index, int count) => (int)(Hash(salt, index) % (ulong)count);

    public T Pick<T>(int salt, int index, IReadOnlyList<T> values) => values[Pick(salt, index, values.Count)];

    /// <summary>Creation time of seeded record <paramref name="index"/> of <paramref name="count"/>: increasing with the index, within 2023-2024.</summary>
    public static DateTime CreatedAt(int index, int count)
    {
        var step = Math.Max(1L, 2L * 365 * 86400 / Math.Max(count, 1));
        return BaseDate.AddSeconds(index * step);
    }

    public static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset time) => Iso(time.UtcDateTime);

    public string CompanyName(int salt, int index) =>
        Pick(salt, index, Companies) + " " + Pick(salt + 1, index, ["Cloud", "Systems", "Retail", "Labs", "Media", "Foods", "Logistics"]) +
        Pick(salt + 2, index, CompanySuffixes) + " " + index.ToString(CultureInfo.InvariantCulture);

    public JsonObject ContactInfo(int salt, int index)
    {
        var place = Pick(salt, index, Places);
        var first = Pick(salt + 1, index, FirstNames);
        var last = Pick(salt + 2, index, LastNames);
        return Json.Obj(
            ("address_line1", (index % 200 + 1).ToString(CultureInfo.InvariantCulture) + " Market Street"),
            ("address_line2", "Floor " + (index % 9 + 1).ToString(CultureInfo.InvariantCulture)),
            ("city", place.City),
            ("state", place.State),
            ("postal_code", place.Postal),
            ("country", place.Country),
            ("contact", Json.Obj(
                ("first_name", first),
                ("last_name", last),
                ("email", $"{first}.{last}{index}@example.com".ToLowerInvariant()),
                ("phone_number", Json.Obj(("country_code", "+1"), ("area_code", "555"), ("phone_number", (1000000 + index % 9000000).ToString(CultureInfo.InvariantCulture)), ("extension", string.Empty))))));
    }

    public string ProductName(int product) =>
        ProductNames[product % ProductNames.Length] + " " + (product / ProductNames.Length + 1).ToString(CultureInfo.InvariantCulture);

    public JsonObject MarketplaceRef(int m) =>
        Json.Ref(MarketplaceIds.Format(m), Pick(["Europe", "North America", "Asia Pacific", "Latin America", "Africa"], m) + " Marketplace", "/media/marketplaces/" + MarketplaceIds.Format(m) + ".png");

    public JsonObject HubRef(int h) => Json.Ref(HubIds.Format(h), "Hub " + (h + 1).ToString(CultureInfo.InvariantCulture));

    public JsonObject VendorRef(int v) => Json.Ref(VendorIds.Format(v), CompanyName(901, v), "/media/" + VendorIds.Format(v) + "/logo.png");

    public JsonObject ProviderRef(int p) => Json.Ref(ProviderIds.Format(p), CompanyName(902, p), "/media/" + ProviderIds.Format(p) + "/logo.png");

    public JsonObject UserRef(int u) => Json.Ref(UserIds.Format(u), Pick(FirstNames, u) + " " + Pick(LastNames, u / FirstNames.Length));

    private static T Pick<T>(IReadOnlyList<T> values, int index) => values[index % values.Count];

    /// <summary>The id of item <paramref name="k"/> of product <paramref name="product"/>.</summary>
    public string ItemId(int product, int k) => ProductIds.Format(product) + "-" + (k + 1).ToString("D4", CultureInfo.InvariantCulture);

    public static string ItemMpn(int product, int k) => "MPN-" + product.ToString("D5", CultureInfo.InvariantCulture) + "-" + ((char)('A' + k)).ToString();

    public string ParameterId(int product, int k) => "PRM-" + ProductIds.Format(product)[4..] + "-" + (k + 1).ToString("D2", CultureInfo.InvariantCulture);

    public static string ParameterName(int k) => new[] { "subdomain", "admin_email", "edition", "activation_code", "admin_phone", "billing_address", "modules" }[k % ParametersPerProduct];

    /// <summary>
    /// The type of product parameter <paramref name="k"/>: the third is a choice, whose choices are objects as real Connect
    /// sends them; the fifth and sixth a phone and an address, the seventh a checkbox (several choices), whose values are
    /// structured (<see cref="StructuredValue"/>).
    /// </summary>
    public static string ParameterType(int k) => (k % ParametersPerProduct) switch
    {
        1 => "email",
        2 => "choice",
        4 => "phone",
        5 => "address",
        6 => "checkbox",
        _ => "text",
    };

    /// <summary>
    /// The prompts of product parameter <paramref name="k"/>: its <c>hint</c> and <c>placeholder</c>, which the product
    /// parameter carries beside its constraints and every value of it (asset, request) inside its <c>constraints</c>.
    /// </summary>
    public static (string Hint, string Placeholder) ParameterPrompts(int k) => (k % ParametersPerProduct) switch
    {
        0 => ("The subdomain your tenant is reached at", "tenant"),
        1 => ("The email of the tenant's first administrator", "admin@example.com"),
        2 => ("The edition to provision", "basic"),
        3 => ("The activation code the vendor's portal shows", "CODE-000000"),
        4 => ("The phone of the tenant's first administrator", "+1 555 0100000"),
        5 => ("The address the invoices are sent to", "1 Market Street, Springfield"),
        _ => ("The modules to enable besides the backup", "backup"),
    };

    /// <summary>The values a choice parameter offers.</summary>
    public static readonly string[] Editions = ["basic", "standard", "premium"];

    /// <summary>The values a checkbox parameter offers, any of which may be ticked.</summary>
    public static readonly string[] Modules = ["backup", "archive", "audit"];

    /// <summary>
    /// The choices of parameter <paramref name="k"/> in Connect's form (<c>[{value, label, default?}]</c>), or null when it
    /// offers none (a choice parameter offers the editions, a checkbox the modules).
    /// </summary>
    public static JsonArray? ParameterChoices(int k) => ParameterType(k) switch
    {
        "choice" => Choices(Editions, " edition"),
        "checkbox" => Choices(Modules, " module"),
        _ => null,
    };

    private static JsonArray Choices(string[] values, string labelSuffix) =>
        new([.. values.Select((e, n) =>
        {
            var choice = Json.Obj(("value", e), ("label", char.ToUpperInvariant(e[0]) + e[1..] + labelSuffix));
            if (n == 0)
            {
                choice["default"] = true;
            }

            return (JsonNode)choice;
        })]);

    public string TemplateId(int product, int k) => "TL-" + ProductIds.Format(product)[4..] + "-" + (k + 1).ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>The product index of a template id made by <see cref="TemplateId"/>, or null when the id is not one.</summary>
    public int? TemplateProduct(string? id) => TemplateOf(id)?.Product;

    /// <summary>The product index and the template's place among the product's (from 0) of a template id made by <see cref="TemplateId"/>, or null when the id is not one.</summary>
    public (int Product, int K)? TemplateOf(string? id)
    {
        if (id is null || !id.StartsWith("TL-", StringComparison.Ordinal) || id.Length < 7 || id[^3] != '-'
            || !int.TryParse(id.AsSpan(id.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            || position is < 1 or > TemplatesPerProduct)
        {
            return null;
        }

        return ProductIds.Parse("PRD-" + id[3..^3]) is { } product ? (product, position - 1) : null;
    }
}
