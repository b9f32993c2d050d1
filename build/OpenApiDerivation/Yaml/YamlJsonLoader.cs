using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Connector.OpenApiDerivation.Yaml;

/// <summary>
/// Loads a YAML document into a JSON tree, resolving plain scalars with the YAML 1.2 core schema
/// (null, booleans, integers, floats); quoted and block scalars stay strings.
/// </summary>
internal static partial class YamlJsonLoader
{
    public static JToken Load(Stream yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        using var reader = new StreamReader(yaml, leaveOpen: true);
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new OpenApiDerivationException($"The OpenAPI document is not valid YAML: {ex.Message}", ex);
        }

        if (stream.Documents.Count != 1)
        {
            throw new OpenApiDerivationException($"Expected exactly one YAML document, found {stream.Documents.Count}.");
        }

        return Convert(stream.Documents[0].RootNode);
    }

    private static JToken Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ConvertMapping(mapping),
        YamlSequenceNode sequence => new JArray(sequence.Children.Select(Convert)),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => throw new OpenApiDerivationException($"Unsupported YAML node at {node.Start}."),
    };

    private static JObject ConvertMapping(YamlMappingNode mapping)
    {
        var result = new JObject();
        foreach (var entry in mapping.Children)
        {
            if (entry.Key is not YamlScalarNode key)
            {
                throw new OpenApiDerivationException($"Unsupported non-scalar mapping key at {entry.Key.Start}.");
            }

            result[key.Value ?? string.Empty] = Convert(entry.Value);
        }

        return result;
    }

    private static JValue ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return new JValue(text);
        }

        if (text.Length == 0 || text is "~" or "null" or "Null" or "NULL")
        {
            return JValue.CreateNull();
        }

        if (text is "true" or "True" or "TRUE")
        {
            return new JValue(true);
        }

        if (text is "false" or "False" or "FALSE")
        {
            return new JValue(false);
        }

        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return new JValue(integer);
        }

        if (FloatPattern().IsMatch(text) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return new JValue(number);
        }

        return new JValue(text);
    }

    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
