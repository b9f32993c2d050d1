using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Endpoints;

/// <summary>Reads the distinct method and path pairs of <c>objectTypes[].operations[]</c> from the descriptor.</summary>
internal static class DescriptorReader
{
    public static IReadOnlyList<DescriptorOperation> ReadOperations(JToken descriptor)
    {
        if (descriptor["objectTypes"] is not JArray objectTypes)
        {
            throw new OpenApiDerivationException("The descriptor has no 'objectTypes' array.");
        }

        var seen = new HashSet<(string, string)>();
        var operations = new List<DescriptorOperation>();
        foreach (var objectType in objectTypes)
        {
            var typeId = objectType.Value<string>("id") ?? "(unnamed object type)";
            foreach (var operation in objectType["operations"] as JArray ?? [])
            {
                var method = operation.Value<string>("method");
                var path = operation.Value<string>("path");
                if (string.IsNullOrWhiteSpace(method) || string.IsNullOrWhiteSpace(path))
                {
                    throw new OpenApiDerivationException($"Descriptor object type '{typeId}' has an operation without method or path.");
                }

                method = method.ToUpperInvariant();
                if (seen.Add((method, path)))
                {
                    operations.Add(new DescriptorOperation(typeId, method, path));
                }
            }
        }

        return operations;
    }
}
