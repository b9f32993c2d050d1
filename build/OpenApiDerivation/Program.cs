namespace Connector.OpenApiDerivation;

/// <summary>
/// Command line: <c>--openapi PATH --descriptor PATH --output PATH</c>. Normally run through
/// <c>build/derive-openapi.sh</c>.
/// </summary>
internal static class Program
{
    private const string Usage = "usage: Connector.OpenApiDerivation --openapi <connect-openapi.yml> --descriptor <connect.descriptor.json> --output <derived.json>";

    public static async Task<int> Main(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        if (args.Length % 2 != 0
            || !options.TryGetValue("--openapi", out var openApiPath)
            || !options.TryGetValue("--descriptor", out var descriptorPath)
            || !options.TryGetValue("--output", out var outputPath))
        {
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        var temporary = outputPath + ".tmp";
        try
        {
            var result = await DeriveAsync(openApiPath, descriptorPath, temporary, cancellation.Token).ConfigureAwait(false);
            if (result.UnusedRequirements.Count > 0)
            {
                throw new OpenApiDerivationException(
                    "The known request requirements name endpoints the descriptor does not have: " + string.Join(", ", result.UnusedRequirements));
            }

            File.Move(temporary, outputPath, overwrite: true);
            Console.WriteLine(
                $"wrote {outputPath}: {result.Endpoints} endpoints, {result.Definitions} definitions, {result.Filters} filters, "
                + $"{result.Relaxations} relaxations, {result.UnresolvedReferences} unresolved references replaced, "
                + $"{result.SelectOnlyParameters} select-only query parameters skipped; input sha256 {result.Sha256}");
            return 0;
        }
        catch (Exception ex) when (ex is OpenApiDerivationException or IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            await Console.Error.WriteLineAsync("derive-openapi: " + ex.Message).ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>Derives from the two input files into <paramref name="outputPath"/> (created, or replaced).</summary>
    private static async Task<DerivationResult> DeriveAsync(string openApiPath, string descriptorPath, string outputPath, CancellationToken cancellationToken)
    {
        var openApi = File.OpenRead(openApiPath);
        await using (openApi.ConfigureAwait(false))
        {
            var descriptor = File.OpenRead(descriptorPath);
            await using (descriptor.ConfigureAwait(false))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
                var output = File.Create(outputPath);
                await using (output.ConfigureAwait(false))
                {
                    return await new OpenApiDeriver()
                        .DeriveAsync(openApi, Path.GetFileName(openApiPath), descriptor, output, cancellationToken)
                        .ConfigureAwait(false);
                }
            }
        }
    }
}
