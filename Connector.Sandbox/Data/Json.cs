using System.Text.Json.Nodes;

namespace Connector.Sandbox.Data;

/// <summary>Small operations on JSON trees used by the generators and the life cycles.</summary>
internal static class Json
{
    /// <summary>Sets a dotted path, creating missing intermediate objects.</summary>
    public static void Set(JsonObject root, string path, JsonNode? value)
    {
        var (holder, key) = JsonPath.Holder(root, path, create: true);
        holder![key] = value;
    }

    /// <summary>Sets a dotted path only when every part of it already exists (keeps a record within its documented shape).</summary>
    public static void SetExisting(JsonObject root, string path, JsonNode? value)
    {
        var (holder, key) = JsonPath.Holder(root, path, create: false);
        if (holder is not null && holder.ContainsKey(key))
        {
            holder[key] = value;
        }
    }

    /// <summary>Removes a dotted path (through arrays, from every element).</summary>
    public static void Remove(JsonNode? node, string path)
    {
        var holders = new List<JsonObject>();
        var steps = JsonPath.Steps(path);
        JsonPath.Holders(node, steps, holders);
        foreach (var holder in holders)
        {
            holder.Remove(steps[^1]);
        }
    }

    /// <summary>Copies the properties of <paramref name="patch"/> into <paramref name="target"/>, merging nested objects.</summary>
    public static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is JsonObject patchObject && target[key] is JsonObject targetObject)
            {
                Merge(targetObject, patchObject);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    /// <summary>Builds an object from name/value pairs.</summary>
    public static JsonObject Obj(params (string Key, JsonNode? Value)[] properties)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in properties)
        {
            obj[key] = value;
        }

        return obj;
    }

    /// <summary>A reference object {id, name} (and icon when given).</summary>
    public static JsonObject Ref(string id, string name, string? icon = null)
    {
        var obj = Obj(("id", id), ("name", name));
        if (icon is not null)
        {
            obj["icon"] = icon;
        }

        return obj;
    }

    /// <summary>Copies selected properties of <paramref name="source"/> into the existing properties of <paramref name="target"/>.</summary>
    public static void CopyExisting(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            if (!target.ContainsKey(key))
            {
                continue;
            }

            if (value is JsonObject sourceObject && target[key] is JsonObject targetObject)
            {
                CopyExisting(targetObject, sourceObject);
            }
            else if (value is not JsonObject)
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
