using NUnit.Framework;

namespace Connector.Tests.Reliability;

/// <summary>Prints the suite's numbers once every reliability fixture has run.</summary>
[SetUpFixture]
public sealed class ReliabilitySuite
{
    [OneTimeTearDown]
    public void PrintNumbers()
    {
        var summary = ReliabilityTally.Summary();
        TestContext.Progress.WriteLine(summary);
        File.WriteAllText(Path.Combine(TestContext.CurrentContext.WorkDirectory, "reliability-summary.txt"), summary + Environment.NewLine);
    }
}
