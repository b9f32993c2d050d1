using System.Collections.Frozen;
using System.Globalization;

namespace Connector.Sandbox.Data;

/// <summary>The computed fields of helpdesk cases, conversations, messages and products (see <see cref="FieldsOf"/>).</summary>
internal sealed partial class SeedWorld
{
    private FrozenDictionary<string, SeededField> CaseFields()
    {
        DateTime Created(int i) => CreatedAt(i, Cases);
        int ProductOf(int i) => i % Products;
        return new SeededFieldSet("cases")
            .Written("id", i => CaseIds.Format(i), risesWithIndex: true)
            .Written("subject", CaseSubject)
            .Written("state", CaseState)
            .Written("type", i => i % 3 == 0 ? "business" : "technical")
            .Written("events.created.at", i => Iso(Created(i)), risesWithIndex: true)
            .Written("events.updated.at", i => Iso(Created(i).AddHours(5)), risesWithIndex: true)
            .Copied("product.id", i => ProductIds.Format(ProductOf(i)))
            .Copied("product.name", i => ProductName(ProductOf(i)))
            .Copied("issuer.account.id", i => ProviderIds.Format(i % Partners))
            .Copied("issuer.agent.id", i => UserIds.Format(i % 5))
            .Copied("receiver.account.id", i => VendorIds.Format(ProductOf(i) % Partners))
            .Copied("receiver.agent.id", i => UserIds.Format((i + 2) % 5))
            .ToFrozen();
    }

    private FrozenDictionary<string, SeededField> ConversationFields()
    {
        DateTime Created(int i) => CreatedAt(i, Conversations);
        return new SeededFieldSet("conversations")
            .Written("id", i => ConversationIds.Format(i), risesWithIndex: true)
            .Written("instance_id", ConversationInstance)
            .Written("topic", ConversationTopic)
            .Written("type", _ => "conversation")
            .Written("status", _ => "open")
            .Written("created", i => Iso(Created(i)), risesWithIndex: true)
            .Written("creator.id", i => UserIds.Format(i % 5))
            .Copied("events.created.at", i => Iso(Created(i)), risesWithIndex: true)
            .Copied("events.updated.at", i => Iso(Created(i).AddHours(1)), risesWithIndex: true)
            .ToFrozen();
    }

    /// <summary>The fields of messages; their creation times do not rise with the index (two messages per conversation, minutes apart).</summary>
    private FrozenDictionary<string, SeededField> MessageFields()
    {
        int ConversationOf(int j) => j / MessagesPerConversation;
        string Created(int j) => Iso(MessageCreatedAt(j));
        return new SeededFieldSet("messages")
            .Written("id", j => MessageIds.Format(j), risesWithIndex: true)
            .Written("conversation", j => ConversationIds.Format(ConversationOf(j)))
            .Written("created", Created)
            .Written("type", _ => "message")
            .Written("creator.id", j => UserIds.Format(j % 5))
            .Written("account.id", j => j % 2 == 0 ? VendorIds.Format(ConversationOf(j) % Partners) : ProviderIds.Format(ConversationOf(j) % Partners))
            .Copied("events.created.at", Created)
            .Copied("events.updated.at", Created)
            .ToFrozen();
    }

    private FrozenDictionary<string, SeededField> ProductFields()
    {
        DateTime Created(int p) => CreatedAt(p, Products);
        return new SeededFieldSet("products")
            .Written("id", p => ProductIds.Format(p), risesWithIndex: true)
            .Written("name", ProductName)
            .Written("external_id", ProductExternalId)
            .Written("status", ProductStatus)
            .Written("published_at", p => Iso(Created(p).AddDays(1)), risesWithIndex: true)
            .Written("category.id", ProductCategoryId)
            .Written("category.name", ProductCategoryName)
            .Written("owner.id", p => VendorIds.Format(p % Partners))
            .Copied("events.created.at", p => Iso(Created(p)), risesWithIndex: true)
            .Copied("events.updated.at", p => Iso(Created(p).AddDays(3)), risesWithIndex: true)
            .Copied("events.published.at", p => Iso(Created(p).AddDays(1)), risesWithIndex: true)
            .ToFrozen();
    }
}
