namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// A relaxation that needs the property's name and the rest of the document (what the same property name looks like
/// elsewhere), applied by the converter to each converted property; where it fires is recorded in the derived document.
/// </summary>
internal abstract class PropertyRelaxation : SchemaRelaxation
{
    /// <summary>The property's new schema, or null when the rule does not apply to it.</summary>
    public abstract Newtonsoft.Json.Linq.JObject? Relax(PropertyContext context);
}
