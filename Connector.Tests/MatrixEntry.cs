using Newtonsoft.Json.Linq;

namespace Connector.Tests;

/// <summary>One entry of the product matrix (TestData/matrix.json, a copy of the shared matrix).</summary>
public sealed record MatrixEntry(string ObjectType, string Label, string Operation, string Method, string Path, string? Parent, bool Seeded)
{
    private static readonly Lazy<IReadOnlyList<MatrixEntry>> Entries = new(Load);

    public static IReadOnlyList<MatrixEntry> All => Entries.Value;

    /// <summary>The operation as users type it: GET, QUERY... or the action id.</summary>
    public string OperationName => Operation.StartsWith("EXECUTE:", StringComparison.Ordinal) ? Operation["EXECUTE:".Length..] : Operation;

    public override string ToString() => $"{ObjectType} {Operation}";

    private static List<MatrixEntry> Load()
    {
        var root = JObject.Parse(File.ReadAllText(TestPaths.Matrix));
        var entries = new List<MatrixEntry>();
        foreach (var o in root["objects"]!.Cast<JObject>())
        {
            foreach (var op in ((JObject)o["operations"]!).Properties())
            {
                var parts = ((string)op.Value!).Split(' ', 3);
                entries.Add(new MatrixEntry((string)o["id"]!, (string)o["label"]!, op.Name, parts[0], parts[1], (string?)o["parent"], (bool?)o["seed"] ?? false));
            }
        }

        return entries;
    }
}
