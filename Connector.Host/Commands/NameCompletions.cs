using System.CommandLine;
using Connector.Host.Composition;
using Newtonsoft.Json.Linq;

namespace Connector.Host.Commands;

/// <summary>Completions for object type and action arguments, read from the descriptor in use (--descriptor or the default).</summary>
internal static class NameCompletions
{
    public static void ObjectTypes(Argument<string> argument, GlobalOptions global) =>
        argument.CompletionSources.Add(context => ReadObjectTypes(context.ParseResult, global).Select(t => (string?)t["id"]).OfType<string>());

    public static void Actions(Argument<string> argument, Argument<string> objectType, GlobalOptions global) =>
        argument.CompletionSources.Add(context =>
        {
            var typeId = context.ParseResult.GetValue(objectType);
            return ReadObjectTypes(context.ParseResult, global)
                .Where(t => string.Equals((string?)t["id"], typeId, StringComparison.OrdinalIgnoreCase))
                .SelectMany(t => t["operations"] as JArray ?? [])
                .Select(o => (string?)o["action"])
                .OfType<string>();
        });

    private static IEnumerable<JToken> ReadObjectTypes(ParseResult result, GlobalOptions global)
    {
        try
        {
            var path = result.GetValue(global.Descriptor) ?? DefaultDescriptor.Find();
            return JObject.Parse(File.ReadAllText(path))["objectTypes"] as JArray ?? [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Newtonsoft.Json.JsonException or UsageException)
        {
            // Completion offers nothing rather than failing the shell.
            return [];
        }
    }
}
