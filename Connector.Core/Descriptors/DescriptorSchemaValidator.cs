using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Connector.Core.Descriptors;

/// <summary>Validates descriptor JSON against the embedded descriptor format schema (NJsonSchema).</summary>
internal static class DescriptorSchemaValidator
{
    private static readonly Lazy<Task<JsonSchema>> Schema = new(LoadSchemaAsync);

    public static async Task<IReadOnlyList<DescriptorProblem>> ValidateAsync(JToken root, CancellationToken cancellationToken)
    {
        var schema = await Schema.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        var problems = new List<DescriptorProblem>();
        foreach (var error in schema.Validate(root))
        {
            Collect(error, problems);
        }

        return problems;
    }

    private static void Collect(ValidationError error, List<DescriptorProblem> problems)
    {
        if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
        {
            foreach (var nested in child.Errors.SelectMany(e => e.Value))
            {
                Collect(nested, problems);
            }

            return;
        }

        problems.Add(new DescriptorProblem(ToJsonPath(error.Path), Describe(error)));
    }

    private static string Describe(ValidationError error) => error.Kind switch
    {
        ValidationErrorKind.PropertyRequired => $"the required property '{error.Property}' is missing",
        ValidationErrorKind.NoAdditionalPropertiesAllowed => $"'{error.Property}' is not a known property here",
        ValidationErrorKind.NotInEnumeration => "the value is not one of the allowed values: " + string.Join(", ", error.Schema?.Enumeration.Select(v => v?.ToString()) ?? []),
        ValidationErrorKind.PatternMismatch => "the value does not have the required form " + error.Schema?.Pattern,
        _ => "schema violation: " + error.Kind,
    };

    internal static string ToJsonPath(string? schemaPath)
    {
        if (string.IsNullOrEmpty(schemaPath) || schemaPath == "#")
        {
            return "$";
        }

        return schemaPath.StartsWith("#/", StringComparison.Ordinal) ? "$." + schemaPath[2..] : schemaPath;
    }

    private static async Task<JsonSchema> LoadSchemaAsync()
    {
        await using var stream = DescriptorFormatSchema.Open();
        using var reader = new StreamReader(stream);
        return await JsonSchema.FromJsonAsync(await reader.ReadToEndAsync().ConfigureAwait(false)).ConfigureAwait(false);
    }
}
