using Connector.OpenApiDerivation.Schemas;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>The single table of relaxation rules, in the order they are applied to each schema node.</summary>
internal static class SchemaRelaxationCatalog
{
    /// <summary>Per-node rules, always recorded in the derived document.</summary>
    public static IReadOnlyList<SchemaRelaxation> NodeRules { get; } =
    [
        new NoRequiredInResponses(),
        new RequiredOnlyKnownInRequests(),
        new OneOfAsAnyOf(),
        new EnumAsAnnotation(),
        new FormatsAsAnnotations(),
        new ScalarTwins(),
        new ArrayAcceptsObject(),
        new ObjectAlsoArrayInResponses(),
        new NoValueConstraintsInResponses(),
        new AdditionalPropertiesAllowed(),
        new BooleanTwinsInResponses(),
        new ScalarAlsoStructuredInResponses(),
        new NestedArrayAlsoFlat(),
        new FlattenedEventFields(),
        new UniformEntriesAsMap(),
        new SubCollectionsEmbedded(),
        new OwnerIdAlsoReference(),
        new OtherViewFields(),
        new ItemScopedParameters(),
        new NullAcceptedInResponses(),
        new EmptyStringAsAbsentInResponses(),
    ];

    /// <summary>
    /// Per-property rules (they see the property name and the whole document), applied after the node rules; the rules that
    /// add a component's fields to a name's shared field set come before <see cref="FieldsDocumentedElsewhere"/>, which builds
    /// and offers the same set.
    /// </summary>
    public static IReadOnlyList<PropertyRelaxation> PropertyRules { get; } =
    [
        new ScalarAlsoDocumentedShapes(),
        new ParameterDefinitionFields(),
        new ParameterPromptsInConstraints(),
        new EmbeddedReferenceExpanded(),
        new FieldsDocumentedElsewhere(),
        new FilterStepsOfDocumentedFields(),
        new PluralEntityAlsoList(),
    ];

    /// <summary>
    /// The rule applied to the OpenAPI document itself, per object type, before any schema is converted (it adds documented
    /// fields, which every conversion rule then sees).
    /// </summary>
    public static FieldsDocumentedByFilters FilterFields { get; } = new();

    /// <summary>Every rule in the order the derived document records them: the document rule, the node rules, the property rules.</summary>
    public static IReadOnlyList<SchemaRelaxation> AllRules { get; } = [FilterFields, .. NodeRules, .. PropertyRules];

    /// <summary>The rule applied when a reference does not resolve; recorded only when used.</summary>
    public static UnresolvedReferenceAsObject UnresolvedReference { get; } = new();

    /// <summary>The per-node rules for one role, in application order.</summary>
    public static IReadOnlyList<SchemaRelaxation> For(SchemaRole role) =>
        NodeRules.Where(r => r.AppliesToRole(role)).ToList();

    /// <summary>The per-property rules for one role, in application order.</summary>
    public static IReadOnlyList<PropertyRelaxation> PropertyRulesFor(SchemaRole role) =>
        PropertyRules.Where(r => r.AppliesToRole(role)).ToList();
}
