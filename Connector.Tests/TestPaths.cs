namespace Connector.Tests;

/// <summary>Where the tests find the shipped descriptor and their own test data (copied next to the test assembly).</summary>
public static class TestPaths
{
    public static string Descriptor => Path.Combine(AppContext.BaseDirectory, "descriptor", "connect.descriptor.json");

    public static string DescriptorDirectory => Path.Combine(AppContext.BaseDirectory, "descriptor");

    public static string Matrix => Path.Combine(AppContext.BaseDirectory, "TestData", "matrix.json");

    /// <summary>The real-payload corpus (copied from ../shared/real-payloads): MANIFEST.tsv, README.md, OBJECT_TYPE/*.json.</summary>
    public static string RealPayloads => Path.Combine(AppContext.BaseDirectory, "TestData", "RealPayloads");

    /// <summary>The checkout the tests were built from (the folder holding Connector.sln above the test assembly), for tests that read sources or pack projects.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Connector.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (Connector.sln) is not above " + AppContext.BaseDirectory);
    }
}
