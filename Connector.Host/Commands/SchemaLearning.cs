using Connector.Browse.Learning;
using Connector.Core.Browsing;
using Connector.Core.Descriptors;
using Connector.Host.Composition;

namespace Connector.Host.Commands;

/// <summary>
/// <c>schema OBJECT OPERATION --learn</c>: prints the documented profile widened with the fields and types of sample
/// documents (NDJSON on stdin, or <c>--from-query N</c> records of the object read from the connection), each addition
/// marked <c>"x-observed": true</c>. A sample that is not a JSON object is exit 2 naming its line.
/// </summary>
internal static class SchemaLearning
{
    public static async Task<int> RunAsync(
        ConnectorSession session,
        HostSettings settings,
        HostConsole console,
        ObjectTypeDescriptor objectType,
        ObjectDefinition documented,
        long? fromQuery,
        string? parentId,
        CancellationToken cancellationToken)
    {
        var profile = ProfileLearner.ProfileJson(documented);
        var learner = new ProfileLearner();
        LearnedProfile learned;
        try
        {
            if (fromQuery is { } max)
            {
                if (max < 1)
                {
                    throw new UsageException($"--from-query {max}: give a number of records of at least 1");
                }

                learned = await learner.LearnAsync(profile, SampleSources.QueryAsync(session, settings, console, objectType, max, parentId, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                if (console.InputIsTerminal)
                {
                    throw new UsageException("--learn reads sample documents as NDJSON on stdin (one JSON object a line), or give --from-query N");
                }

                learned = await learner.LearnFromNdjsonAsync(profile, console.In, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (InvalidSampleException ex)
        {
            throw new UsageException("sample " + ex.Message);
        }

        if (learned.SampleCount == 0)
        {
            await console.Error.WriteLineAsync("no samples: the documented profile is printed unchanged").ConfigureAwait(false);
        }

        await console.Out.WriteLineAsync(learned.ToJson()).ConfigureAwait(false);
        await console.Error.WriteLineAsync(
            $"learned from {learned.SampleCount} sample(s): {learned.Additions.Count} addition(s) marked \"x-observed\": true"
            + (learned.Additions.Count == 0 ? string.Empty : Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", learned.Additions))).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
