using Newtonsoft.Json.Linq;

namespace Connector.Core.Descriptors;

/// <summary>The descriptor rules of LISTEN operations: a LISTEN reads with GET and says how it finds changes; no other kind does.</summary>
internal static class ListenDescriptorRules
{
    public static void Check(JObject operation, string opPath, string type, List<DescriptorProblem> problems)
    {
        var isListen = string.Equals(type, "LISTEN", StringComparison.OrdinalIgnoreCase);
        var listen = operation["listen"];
        if (isListen && listen is null)
        {
            problems.Add(new DescriptorProblem(opPath, "a LISTEN operation needs a 'listen' block naming its change cursor"));
        }
        else if (!isListen && listen is not null)
        {
            problems.Add(new DescriptorProblem(opPath + ".listen", $"only LISTEN operations have a 'listen' block; this one is {type}"));
        }

        if (isListen && operation["method"] is JValue { Type: JTokenType.String } method && (string)method! != "GET")
        {
            problems.Add(new DescriptorProblem(opPath + ".method", "a LISTEN operation polls its list endpoint with GET"));
        }
    }
}
