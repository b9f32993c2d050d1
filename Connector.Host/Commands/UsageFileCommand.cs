using System.CommandLine;
using System.Globalization;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Documents;
using Connector.Core.Execution;
using Connector.Core.Operations;
using Connector.Core.Querying;
using Connector.Core.Results;
using Connector.Core.Testing;
using Connector.Host.Composition;
using Connector.Operations.Usage;
using Newtonsoft.Json.Linq;

namespace Connector.Host.Commands;

/// <summary>
/// usage-file: writes a usage spreadsheet (the columns of Connect's usage file template) whose rows use a product's
/// real assets and items, so that a usage report can be uploaded, becomes ready and can be submitted.
/// </summary>
internal static class UsageFileCommand
{
    public static Command Create(GlobalOptions global, HostConsole console)
    {
        var product = new Argument<string>("PRODUCT") { Description = "The product (PRD-...) whose assets and items the rows report usage for." };
        var output = new Option<string>("--out") { Description = "The .xlsx file to write.", Required = true };
        var rows = new Option<int>("--rows") { Description = "How many usage rows to write (1 to 10000).", DefaultValueFactory = _ => 10 };
        var command = new Command(
            "usage-file",
            "Write a usage spreadsheet for a product's assets and items (to try usage billing: create usage_report, exec usage_report UPLOAD --file, exec usage_report SUBMIT).")
        {
            product, output, rows,
        };
        command.SetAction((result, ct) => CommandGuard.RunAsync(console, async () =>
        {
            var productId = result.GetValue(product)!.Trim();
            var count = result.GetValue(rows);
            if (count is < 1 or > 10_000)
            {
                throw new UsageException("--rows must be between 1 and 10000");
            }

            var settings = global.Read(result, console);
            await using var session = await ConnectorSession.OpenAsync(settings, console, ct).ConfigureAwait(false);
            await session.ConnectAsync(settings, console, ct).ConfigureAwait(false);
            var assets = await QueryAsync(session, "asset", QueryFilter.Where(ComparisonExpression.Of("product.id", "eq", productId)), Math.Min(count, 50), null, ct).ConfigureAwait(false);
            var items = (await QueryAsync(session, "product_item", QueryFilter.All, 100, productId, ct).ConfigureAwait(false))
                .Select(i => (string?)i["mpn"])
                .OfType<string>()
                .ToList();
            if (assets.Count == 0 || items.Count == 0)
            {
                throw new UsageException($"product {productId} has {assets.Count} asset(s) and {items.Count} item(s) with an MPN; a usage file needs at least one of each");
            }

            var period = session.TimeProvider.GetUtcNow().Date.AddDays(-1);
            var usage = Enumerable.Range(0, count).Select(i => new UsageRow
            {
                RecordId = $"usage-{period:yyyyMMdd}-{i + 1:D5}",
                ItemSearchCriteria = "item.mpn",
                ItemSearchValue = items[i % items.Count],
                AssetSearchCriteria = "id",
                AssetSearchValue = (string)assets[i % assets.Count]["id"]!,
                Quantity = 1 + (i % 7),
                StartTimeUtc = new DateTimeOffset(period, TimeSpan.Zero),
                EndTimeUtc = new DateTimeOffset(period, TimeSpan.Zero).AddHours(23),
            }).ToList();
            using var buffer = new MemoryStream();
            UsageSpreadsheet.Write(buffer, usage);
            var path = Path.GetFullPath(result.GetValue(output)!);
            await File.WriteAllBytesAsync(path, buffer.ToArray(), ct).ConfigureAwait(false);
            await console.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"wrote {usage.Count} usage rows for {assets.Count} asset(s) and {items.Count} item(s) of {productId} to {path}")).ConfigureAwait(false);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static async Task<List<JObject>> QueryAsync(ConnectorSession session, string objectType, QueryFilter filter, int max, string? parentId, CancellationToken cancellationToken)
    {
        var properties = new Dictionary<string, string?> { [OperationFieldIds.MaxResults] = max.ToString(CultureInfo.InvariantCulture) };
        if (parentId is not null)
        {
            properties[OperationFieldIds.ParentId] = parentId;
        }

        var context = OperationContext.Create(session.Descriptor, objectType, "QUERY", session.ConnectionProperties, properties);
        var request = OperationRequest.ForQuery(filter, TrackedDocument.Empty(objectType));
        var collector = new ResultCollector();
        await ConnectorRunner.RunAsync(session.Connector, context, request, collector, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var result = collector.ToDocumentResults([objectType])[0];
        return result.Status == OperationStatus.Success
            ? result.Json.OfType<JObject>().ToList()
            : throw new UsageException($"cannot list {objectType}: {result.Message}");
    }
}
