using System.Globalization;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Data;

/// <summary>Products and their items, parameters and templates.</summary>
internal sealed partial class SeedWorld
{
    private static readonly string[] ProductStatuses = ["published", "published", "published", "draft", "endofsale"];
    private static readonly string[] ProductCategories = ["Security", "Productivity", "Infrastructure", "Collaboration"];

    public string ProductStatus(int p) => Pick(11, p, ProductStatuses);

    public static string ProductExternalId(int p) => "EXT-PRD-" + p.ToString(CultureInfo.InvariantCulture);

    public string ProductCategoryId(int p) => "CAT-" + (p % 7 + 10000).ToString(CultureInfo.InvariantCulture);

    public string ProductCategoryName(int p) => Pick(12, p, ProductCategories);

    public JsonObject ProductRef(int p)
    {
        var id = ProductIds.Format(p);
        return Json.Obj(("id", id), ("icon", "/media/" + id + "/logo.png"), ("name", ProductName(p)), ("status", "published"));
    }

    public JsonObject Product(int p)
    {
        var r = NewRecord("products");
        var id = ProductIds.Format(p);
        var vendor = p % Partners;
        var created = CreatedAt(p, Products);
        r["id"] = id;
        r["name"] = ProductName(p);
        r["external_id"] = ProductExternalId(p);
        r["icon"] = "/media/" + id + "/logo.png";
        r["status"] = ProductStatus(p);
        r["short_description"] = ProductName(p) + " for small and medium businesses";
        r["detailed_description"] = "Sandbox product " + ProductName(p) + ".";
        r["version"] = 1 + (p % 4);
        r["published_at"] = Iso(created.AddDays(1));
        r["category"] = Json.Ref(ProductCategoryId(p), ProductCategoryName(p));
        r["owner"] = VendorRef(vendor);
        r["latest"] = true;
        r["public"] = p % 3 != 0;
        r["staging"] = false;
        Json.SetExisting(r, "stats.versions", 1 + (p % 4));
        Json.SetExisting(r, "usage_rule.enabled", p % 2 == 0);
        Json.SetExisting(r, "capabilities.ppu.ppu", p % 2 == 0);
        Json.SetExisting(r, "events.created.at", Iso(created));
        Json.SetExisting(r, "events.updated.at", Iso(created.AddDays(3)));
        Json.SetExisting(r, "events.published.at", Iso(created.AddDays(1)));
        PutEventActors(r, p);
        r["replacement"] = null;
        r["changes_description"] = "Version " + (1 + (p % 4)).ToString(CultureInfo.InvariantCulture) + " of " + ProductName(p);
        r["end_of_sale_notes"] = ProductStatus(p) == "endofsale" ? ProductName(p) + " is no longer sold; existing subscriptions keep working." : null;

        // None of the captured products names a purchase model, required PPU custom fields or usage providers: not the shape's placeholders either.
        r.Remove("purchase_model");
        Json.SetExisting(r, "capabilities.ppu.required_custom_fields", new JsonArray());
        Json.SetExisting(r, "usage_rule.providers", new JsonArray());

        // A list of the product's extensions, as real products carry them (the document's one extension object is not what Connect sends).
        if (r["extensions"] is JsonObject extension)
        {
            Json.CopyExisting(extension, Json.Obj(
                ("id", "EXT-" + (p % 7 + 1).ToString("D4", CultureInfo.InvariantCulture)),
                ("name", "CloudBlue Commerce"),
                ("status", "success"),
                ("package_url", "https://example.com/packages/" + id + ".aps.zip")));
            r["extensions"] = new JsonArray(extension.DeepClone());
        }

        PutProductPresentation(r, p);
        return r;
    }

    /// <summary>
    /// The product's media and customer UI texts as the captured products carry them, where the shape's template has
    /// placeholders: its first media entry with its <c>position</c> (two of the four captured products; the document has
    /// none), an image under the vendor's media; a description, getting-started text, download links, documents and a
    /// provisioning message that speak of the product.
    /// </summary>
    private void PutProductPresentation(JsonObject r, int p)
    {
        var id = ProductIds.Format(p);
        var image = "/media/" + VendorIds.Format(p % Partners) + "/" + id + "/media/media.png";
        if (r.ContainsKey("media"))
        {
            r["media"] = Json.Obj(("position", 1), ("id", "PRDM-" + id[4..] + "-00001"), ("type", "image"), ("thumbnail", image), ("url", image));
        }

        if (r["customer_ui_settings"] is not JsonObject settings)
        {
            return;
        }

        var name = ProductName(p);
        Json.CopyExisting(settings, Json.Obj(
            ("description", "We are happy to provide you " + name + ", our " + ProductCategoryName(p).ToLowerInvariant() + " service in the cloud."),
            ("getting_started", "You are ready to use " + name + ": download an app below or sign in to its web interface."),
            ("provisioning_message", "Please wait while your request for " + name + " is being fulfilled.")));
        settings["download_links"] = new JsonArray(
            Json.Obj(("title", "Windows"), ("url", "https://example.com/" + id + "/download/windows"), ("visible_for", "admin")),
            Json.Obj(("title", "macOS"), ("url", "https://example.com/" + id + "/download/macos"), ("visible_for", "admin")));
        settings["documents"] = new JsonArray(Json.Obj(("title", "Admin Manual"), ("url", "https://example.com/" + id + "/manual/admin")));
        settings["languages"] = new JsonArray(Json.Obj(("id", "en"), ("name", "English")));
    }

    /// <summary>The name of item <paramref name="k"/> of product <paramref name="p"/>: the product item's name and display name, as assets and requests show it too.</summary>
    private string ItemName(int p, int k) => ProductName(p) + " " + new[] { "Basic", "Standard", "Premium" }[k % 3];

    public JsonObject ProductItem(int p, int k)
    {
        var r = NewRecord("product_items");
        r["id"] = ItemId(p, k);
        r["name"] = ItemName(p, k);
        r["display_name"] = r["name"]!.GetValue<string>();
        r["mpn"] = ItemMpn(p, k);
        r["local_id"] = ItemMpn(p, k);
        r["external_id"] = "EXT-ITEM-" + p.ToString(CultureInfo.InvariantCulture) + "-" + k.ToString(CultureInfo.InvariantCulture);
        r["status"] = "published";
        r["position"] = k + 1;
        r["type"] = k == 2 ? "ppu" : "reservation";
        r["period"] = k == 1 ? "yearly" : "monthly";
        r["precision"] = k == 2 ? "decimal(2)" : "integer";
        r["dynamic"] = false;
        r["ui_visibility"] = true; // a boolean, as captured items carry it (the document says a string)
        r["description"] = "Item " + (k + 1).ToString(CultureInfo.InvariantCulture) + " of " + ProductName(p);
        r["unit"] = Json.Obj(("id", k == 2 ? "unit-gb" : "unit-licenses"), ("name", k == 2 ? "GB" : "licenses"), ("title", k == 2 ? "Gigabytes" : "Licenses"), ("unit", k == 2 ? "gb" : "licenses"));
        r["parent"] = null;
        r["replacement"] = null;
        r["group"] = null;
        Json.SetExisting(r, "commitment.multiplier", "billing_period");
        CatalogEvents(r, p);

        // A published item has not ended its sale: no `saleended` event (the shape's template has one).
        if (r["events"] is JsonObject events)
        {
            events.Remove("saleended");
        }

        return r;
    }

    public JsonObject ProductParameter(int p, int k)
    {
        var r = NewRecord("product_parameters");
        r["id"] = ParameterId(p, k);
        r["name"] = ParameterName(k);
        r["title"] = ParameterName(k).Replace('_', ' ');
        r["description"] = "Parameter " + ParameterName(k) + " of " + ProductName(p);
        r["type"] = ParameterType(k);
        r["scope"] = "asset";
        r["phase"] = k < 2 ? "ordering" : "fulfillment";
        r["position"] = k + 1;
        r["parent"] = null;
        (r["hint"], r["placeholder"]) = ParameterPrompts(k);
        Json.SetExisting(r, "constraints.required", k == 0);

        // Every captured product parameter's constraints say whether it is read-only (the document's do not); they carry
        // choices only for a choice parameter, and none of the shape's placeholder level, display content or dependency.
        if (r["constraints"] is JsonObject constraints)
        {
            constraints["readonly"] = false;
            constraints["shared"] = "view";
            foreach (var placeholder in new[] { "level", "display_content", "dependency" })
            {
                constraints.Remove(placeholder);
            }

            PutParameterChoices(constraints, k);
        }

        CatalogEvents(r, p);
        return r;
    }

    /// <summary>
    /// The choices of parameter <paramref name="k"/> in its constraints, a product's and its values' alike: a choice
    /// parameter's, and none for the others (a text parameter's constraints have no choices).
    /// </summary>
    private static void PutParameterChoices(JsonObject constraints, int k)
    {
        if (ParameterChoices(k) is { } choices)
        {
            constraints["choices"] = choices;
        }
        else
        {
            constraints.Remove("choices");
        }
    }

    public JsonObject ProductTemplate(int p, int k)
    {
        var r = NewRecord("product_templates");
        r["id"] = TemplateId(p, k);
        var type = TemplateType(k);
        r["name"] = TemplateName(p, k);
        r["title"] = r["name"]!.GetValue<string>();
        r["body"] = TemplateBody(p, k);
        r["scope"] = "asset";
        r["type"] = type;
        r["position"] = k + 1;
        CatalogEvents(r, p);
        return r;
    }

    private static string TemplateType(int k) => new[] { "fulfillment", "inquire", "pending" }[k % 3];

    private string TemplateName(int p, int k) => ProductName(p) + " " + TemplateType(k) + " template";

    private string TemplateBody(int p, int k) => "# " + TemplateType(k) + "\nThank you for choosing " + ProductName(p) + ".";

    /// <summary>
    /// Puts the first template of product <paramref name="p"/> in the record's <c>template</c> (the document's shape, when
    /// the record has one) as tier configurations and their requests name it: its id, name and <c>representation</c> (its
    /// body as rendered for the configuration), as the captured ones carry it.
    /// </summary>
    public void PutRenderedTemplate(JsonObject record, int p)
    {
        Over(record, "template", Json.Ref(TemplateId(p, 0), TemplateName(p, 0)));
        if (record["template"] is JsonObject template)
        {
            template["representation"] = TemplateBody(p, 0);
        }
    }

    /// <summary>
    /// The template a fulfillment request was last answered with (approved or inquired), as real requests name it: its id,
    /// name and <c>message</c> (its body as rendered for the request); null for an id that is not a seeded template.
    /// </summary>
    public JsonObject? AnsweringTemplate(string? templateId) =>
        TemplateOf(templateId) is { } template ? AnsweringTemplate(template.Product, template.K) : null;

    /// <summary>Template <paramref name="k"/> of product <paramref name="p"/> as <see cref="AnsweringTemplate(string?)"/> gives it.</summary>
    public JsonObject AnsweringTemplate(int p, int k) =>
        Json.Obj(("id", TemplateId(p, k)), ("name", TemplateName(p, k)), ("message", TemplateBody(p, k)));

    /// <summary>The created and updated times of a product's item, parameter or template: those of the product, updated two days later.</summary>
    private void CatalogEvents(JsonObject r, int p)
    {
        Json.SetExisting(r, "events.created.at", Iso(CreatedAt(p, Products)));
        Json.SetExisting(r, "events.updated.at", Iso(CreatedAt(p, Products).AddDays(2)));
        PutEventActors(r, p);
    }

    /// <summary>The id of the connection of a product in a marketplace: one per pair, numbered product by product.</summary>
    private string ConnectionId(int product, int marketplace) => ConnectionIds.Format((product * Marketplaces) + marketplace);

    /// <summary>
    /// Hub <paramref name="h"/> as a connection names it: with its instance's id and the account that runs it, as the
    /// captured connections of assets and requests do (the document's hub reference has neither).
    /// </summary>
    public JsonObject ConnectionHub(int h)
    {
        var hub = HubRef(h);
        hub["instance_id"] = Uuid(62, h);
        hub["account_id"] = ProviderIds.Format(h % Partners);
        return hub;
    }

    public JsonObject ConnectionRef(int product, int marketplace, string type = "production")
    {
        var hub = marketplace % Hubs;
        return Json.Obj(
            ("id", ConnectionId(product, marketplace)),
            ("type", type),
            ("status", "approved"),
            ("provider", ProviderRef(marketplace % Partners)),
            ("vendor", VendorRef(product % Partners)),
            ("hub", HubRef(hub)),
            ("created_at", Iso(CreatedAt(product, Products))),
            ("product_version_type", "public"));
    }
}
