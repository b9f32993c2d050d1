using System.Globalization;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Data;

/// <summary>Helpdesk cases, conversations and messages.</summary>
internal sealed partial class SeedWorld
{
    private static readonly string[] Subjects =
    [
        "Cannot activate subscription", "Invoice mismatch", "Usage report rejected", "Change of seats pending",
        "Access problem, urgent", "Question about \"premium\" plan",
    ];

    private static readonly string[] SeededCaseStates = ["pending", "pending", "inquiring", "resolved", "closed"];

    /// <summary>The states of a helpdesk case, in life-cycle order.</summary>
    public static readonly string[] CaseStates = ["pending", "inquiring", "resolved", "closed"];

    /// <summary>The states a case in <paramref name="state"/> can move to (the <c>next</c> of the state's object form).</summary>
    public static IReadOnlyList<string> NextCaseStates(string state)
    {
        return state switch
        {
            "pending" => ["inquiring", "resolved"],
            "inquiring" => ["pending"],
            "resolved" => ["pending", "closed"],
            _ => [],
        };
    }

    /// <summary>Moves a case to <paramref name="state"/>, keeping the form (string or <c>{current,next,all}</c>) its state has.</summary>
    public static void SetCaseState(JsonObject record, string state) =>
        StateValue.Write(record, "state", state, NextCaseStates, CaseStates);

    /// <summary>The state seeded case <paramref name="i"/> is in (its current state, whichever form the record shows it in).</summary>
    public string CaseState(int i) => Pick(101, i, SeededCaseStates);

    public static string CaseSubject(int i) => Subjects[i % Subjects.Length] + " #" + (i + 1).ToString(CultureInfo.InvariantCulture);

    public JsonObject Case(int i)
    {
        var r = NewRecord("cases");
        var p = i % Products;
        var created = CreatedAt(i, Cases);
        var state = CaseState(i);
        r["id"] = CaseIds.Format(i);
        Over(r, "product", ProductRef(p));
        r["subject"] = CaseSubject(i);
        r["description"] = "Customer reports: " + Subjects[i % Subjects.Length].ToLowerInvariant() + ".";
        r["priority"] = i % 4;
        r["state"] = i % 3 == 1 ? StateValue.Expanded(state, NextCaseStates(state), CaseStates) : state;
        r["type"] = i % 3 == 0 ? "business" : "technical";
        if (r["issuer"] is JsonObject issuer)
        {
            Over(issuer, "account", ProviderRef(i % Partners));
            Over(issuer, "agent", UserRef(i % 5));
            issuer["recipients"] = new JsonArray(UserRef((i + 1) % 5));
        }

        if (r["receiver"] is JsonObject receiver)
        {
            Over(receiver, "account", VendorRef(p % Partners));
            Over(receiver, "agent", UserRef((i + 2) % 5));
            receiver["recipients"] = new JsonArray(UserRef((i + 3) % 5));
        }

        // Who opened and last changed the case, as the captured case's events say.
        var events = Json.Obj(("created", Json.Obj(("at", Iso(created)), ("by", UserRef(i % 5)))), ("updated", Json.Obj(("at", Iso(created.AddHours(5))), ("by", UserRef(i % 5)))));
        events["pending"] = Json.Obj(("at", Iso(created)), ("by", UserRef(i % 5)));
        if (state is "inquiring")
        {
            events["inquiring"] = Json.Obj(("at", Iso(created.AddHours(2))), ("by", UserRef(i % 5)));
        }

        if (state is "resolved" or "closed")
        {
            events["resolved"] = Json.Obj(("at", Iso(created.AddHours(4))), ("by", UserRef(i % 5)));
        }

        if (state is "closed")
        {
            events["closed"] = Json.Obj(("at", Iso(created.AddHours(5))), ("by", UserRef(i % 5)));
        }

        r["events"] = events;
        r["rating"] = state == "closed" ? 1 + (i % 5) : null;
        r["feedback"] = state == "closed" ? "Thanks for the quick help." : null;
        return r;
    }

    /// <summary>What seeded conversation <paramref name="i"/> belongs to: request i, then (after the requests) case i - requests.</summary>
    public string ConversationInstance(int i) => i < Requests ? RequestIds.Format(i) : CaseIds.Format(i - Requests);

    public string ConversationTopic(int i) => (i < Requests ? "Fulfillment request " : "Helpdesk case ") + ConversationInstance(i);

    /// <summary>When seeded message <paramref name="j"/> was written: ten minutes apart after its conversation was created.</summary>
    public DateTime MessageCreatedAt(int j) =>
        CreatedAt(j / MessagesPerConversation, Conversations).AddMinutes(10 * ((j % MessagesPerConversation) + 1));

    public JsonObject Conversation(int i)
    {
        var r = NewRecord("conversations");
        var created = CreatedAt(i, Conversations);
        r["id"] = ConversationIds.Format(i);
        r["instance_id"] = ConversationInstance(i);
        r["topic"] = ConversationTopic(i);
        r["type"] = "conversation";
        r["status"] = "open";
        Over(r, "events", Json.Obj(("created", Json.Obj(("at", Iso(created)))), ("updated", Json.Obj(("at", Iso(created.AddHours(1)))))));
        PutEventActors(r, i);
        r["accounts"] = new JsonArray(VendorRef(i % Partners), ProviderRef(i % Partners));
        r["creator"] = Json.Ref(UserIds.Format(i % 5), UserRef(i % 5)["name"]!.GetValue<string>(), "/media/users/" + UserIds.Format(i % 5) + ".png");
        r["created"] = Iso(created);
        return r;
    }

    public JsonObject Message(int j)
    {
        var r = NewRecord("messages");
        var c = j / MessagesPerConversation;
        var created = MessageCreatedAt(j);
        r["id"] = MessageIds.Format(j);
        r["conversation"] = ConversationIds.Format(c);
        r["account"] = j % 2 == 0 ? VendorRef(c % Partners) : ProviderRef(c % Partners);
        r["created"] = Iso(created);
        r["creator"] = Json.Ref(UserIds.Format(j % 5), UserRef(j % 5)["name"]!.GetValue<string>(), "/media/users/" + UserIds.Format(j % 5) + ".png");
        r["text"] = j % 2 == 0 ? "Request received, we are processing it." : "Thank you, waiting for activation.";
        r["type"] = "message";
        Over(r, "events", Json.Obj(("created", Json.Obj(("at", Iso(created)))), ("updated", Json.Obj(("at", Iso(created))))));
        PutEventActors(r, j);
        return r;
    }
}
