using Connector.OpenApiDerivation.Relaxations;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Schemas;

/// <summary>
/// Converts OpenAPI 3.0 schema objects to JSON Schema draft-07 for one role, applies that role's relaxations
/// to every node, and collects the component schemas reached through <c>$ref</c> as role-prefixed definitions
/// (<c>response.X</c>, <c>request.X</c>).
/// </summary>
internal sealed class SchemaConverter
{
    private const string DefinitionPrefix = "#/definitions/";

    private static readonly HashSet<string> CopiedKeywords = new(StringComparer.Ordinal)
    {
        "title", "description", "enum", "required", "readOnly", "writeOnly", "default", "maxLength", "minLength",
        "pattern", "minimum", "maximum", "multipleOf", "minItems", "maxItems", "uniqueItems", "minProperties",
        "maxProperties",
    };

    private readonly JObject _components;
    private readonly SortedDictionary<string, JToken> _definitions = new(StringComparer.Ordinal);
    private readonly Queue<(string Name, SchemaRole Role)> _pending = new();
    private readonly SortedSet<string> _unresolved = new(StringComparer.Ordinal);
    private readonly PropertyShapeIndex _shapes;
    private readonly SubCollectionIndex _subCollections;
    private readonly ObjectViewIndex _views;
    private readonly Dictionary<JObject, string> _componentNames = new(ReferenceEqualityComparer.Instance);
    private readonly RelaxationLocations _locations = new();

    public SchemaConverter(JObject components, JObject? paths = null)
    {
        _components = components;
        _shapes = new PropertyShapeIndex(components, paths);
        _subCollections = new SubCollectionIndex(paths, _shapes.Collections);
        _views = new ObjectViewIndex(_shapes);
        foreach (var component in components.Properties().Where(c => c.Value is JObject))
        {
            _componentNames[(JObject)component.Value] = component.Name;
        }
    }

    /// <summary>References that did not resolve and were replaced by a permissive object.</summary>
    public IReadOnlyCollection<string> UnresolvedReferences => _unresolved;

    /// <summary>Where the rules that record locations fired, per rule id.</summary>
    public RelaxationLocations Locations => _locations;

    /// <summary>
    /// The document's property shapes: the shapes per property name were indexed when the converter was made, before any
    /// document rule changed the document; <see cref="PropertyShapeIndex.ObjectProperties(Newtonsoft.Json.Linq.JObject)"/> reads the document as it is.
    /// </summary>
    public PropertyShapeIndex Shapes => _shapes;

    /// <summary>Converts one top-level schema (an endpoint body) for <paramref name="role"/>, recording rule locations under <paramref name="location"/>.</summary>
    public JObject Convert(JToken schema, SchemaRole role, string location)
    {
        using var scope = _locations.Enter(location);
        return Convert(schema, role);
    }

    /// <summary>Converts one schema (an endpoint body, or a component) for <paramref name="role"/>.</summary>
    public JObject Convert(JToken schema, SchemaRole role)
    {
        if (schema is not JObject source)
        {
            // A bare `true` or missing schema: anything is accepted.
            return [];
        }

        if (source["$ref"] is JValue reference)
        {
            return ConvertReference(source, (string)reference!, role);
        }

        var target = new JObject();
        var (nullable, exclusiveMinimum, exclusiveMaximum) = ConvertKeywords(source, target, role);

        // OpenAPI 3.0 exclusive bounds are booleans next to minimum/maximum; draft-07 uses the bound itself.
        MoveExclusiveBound(target, exclusiveMinimum, "minimum", "exclusiveMinimum");
        MoveExclusiveBound(target, exclusiveMaximum, "maximum", "exclusiveMaximum");

        if (nullable && target["type"] is not null)
        {
            AddNullType(target);
        }

        var context = new NodeContext(
            source,
            _componentNames.GetValueOrDefault(source),
            _shapes,
            _subCollections,
            _views,
            raw => Convert(raw, role),
            (name, raw) => ConvertField(name, raw, role),
            (key, build) => Shared(key, role, build));
        Relax(target, context, role);

        if (nullable && target["type"] is null && target.Count > 0)
        {
            return new JObject { ["anyOf"] = new JArray(target, new JObject { ["type"] = "null" }) };
        }

        return target;
    }

    /// <summary>
    /// Writes each keyword of <paramref name="source"/> into <paramref name="target"/> in draft-07 form, and returns
    /// the OpenAPI 3.0 flags that have no draft-07 keyword of their own (applied afterwards by the caller).
    /// </summary>
    private (bool Nullable, bool ExclusiveMinimum, bool ExclusiveMaximum) ConvertKeywords(JObject source, JObject target, SchemaRole role)
    {
        var nullable = false;
        var exclusiveMinimum = false;
        var exclusiveMaximum = false;
        foreach (var property in source.Properties())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "nullable":
                    nullable = IsTrue(value);
                    break;
                case "exclusiveMinimum":
                    exclusiveMinimum = IsTrue(value);
                    break;
                case "exclusiveMaximum":
                    exclusiveMaximum = IsTrue(value);
                    break;
                default:
                    ConvertKeyword(property.Name, value, target, role);
                    break;
            }
        }

        return (nullable, exclusiveMinimum, exclusiveMaximum);
    }

    /// <summary>Writes one keyword into <paramref name="target"/>: nested schemas converted, OpenAPI-only keywords dropped.</summary>
    private void ConvertKeyword(string name, JToken value, JObject target, SchemaRole role)
    {
        switch (name)
        {
            case "type":
                target["type"] = value.DeepClone();
                break;
            case "format":
                target["format"] = value.Type == JTokenType.String && (string)value! == "datetime" ? "date-time" : value.DeepClone();
                break;
            case "properties" when value is JObject properties:
                target["properties"] = ConvertProperties(properties, role);
                break;
            case "items":
                using (_locations.Step("[]"))
                {
                    target["items"] = Convert(value, role);
                }

                break;
            case "not":
                target[name] = Convert(value, role);
                break;
            case "additionalProperties":
                target["additionalProperties"] = value.Type == JTokenType.Boolean ? value.DeepClone() : Convert(value, role);
                break;
            case "oneOf" or "anyOf" or "allOf" when value is JArray alternatives:
                target[name] = new JArray(alternatives.Select(a => Convert(a, role)));
                break;
            case "example":
                target["examples"] = new JArray(value.DeepClone());
                break;
            case "deprecated" when IsTrue(value):
                target["x-deprecated"] = true;
                break;
            case var copied when CopiedKeywords.Contains(copied):
                target[name] = value.DeepClone();
                break;

            // discriminator, xml, externalDocs, x-* extensions and a false "deprecated" are OpenAPI-only: dropped.
        }
    }

    private static bool IsTrue(JToken value) => value.Type == JTokenType.Boolean && (bool)value;

    /// <summary>Converts every component schema queued by references, transitively.</summary>
    public IReadOnlyDictionary<string, JToken> DrainDefinitions()
    {
        while (_pending.Count > 0)
        {
            var (name, role) = _pending.Dequeue();
            var key = DefinitionName(name, role);
            using var scope = _locations.Enter(key);
            _definitions[key] = Convert(_components[name]!, role);
        }

        return _definitions;
    }

    private static string DefinitionName(string component, SchemaRole role) =>
        (role == SchemaRole.Request ? "request." : "response.") + component;

    private JObject ConvertReference(JObject source, string reference, SchemaRole role)
    {
        JObject referenced;
        var component = ComponentReferences.NameOf(reference);
        if (component is not null && _components[component] is JObject)
        {
            var key = DefinitionName(component, role);
            if (!_definitions.ContainsKey(key))
            {
                _definitions[key] = new JObject(); // placeholder: breaks cycles, replaced when drained
                _pending.Enqueue((component, role));
            }

            referenced = new JObject { ["$ref"] = DefinitionPrefix + key };
        }
        else
        {
            _unresolved.Add(reference);
            referenced = UnresolvedReferenceAsObject.Replacement(reference);
        }

        // Keywords next to $ref (readOnly, nullable, description) are ignored by draft-07: keep them on a wrapper.
        var siblings = new JObject(source.Properties().Where(p => p.Name != "$ref").Select(p => new JProperty(p)));
        var nullable = siblings["nullable"] is JValue { Type: JTokenType.Boolean } flag && (bool)flag!;
        siblings.Remove("nullable");
        var annotations = siblings.Count > 0 ? Convert(siblings, role) : [];

        if (nullable)
        {
            var wrapper = new JObject { ["anyOf"] = new JArray(referenced, new JObject { ["type"] = "null" }) };
            foreach (var annotation in annotations.Properties())
            {
                wrapper[annotation.Name] = annotation.Value;
            }

            return wrapper;
        }

        if (annotations.Count == 0)
        {
            return referenced;
        }

        annotations.AddFirst(new JProperty("allOf", new JArray(referenced)));
        return annotations;
    }

    private static void MoveExclusiveBound(JObject target, bool exclusive, string bound, string exclusiveKeyword)
    {
        if (exclusive && target[bound] is { } value)
        {
            target.Remove(bound);
            target[exclusiveKeyword] = value;
        }
    }

    private static void AddNullType(JObject target)
    {
        var types = target["type"] switch
        {
            JArray many => many.Select(t => (string)t!).ToList(),
            var single => [(string)single!],
        };
        if (!types.Contains("null"))
        {
            types.Add("null");
        }

        target["type"] = types.Count == 1 ? new JValue(types[0]) : new JArray(types);
    }

    private void Relax(JObject target, NodeContext context, SchemaRole role)
    {
        foreach (var relaxation in SchemaRelaxationCatalog.For(role))
        {
            if (!relaxation.RecordsLocations)
            {
                relaxation.Apply(target, context);
                continue;
            }

            var before = target.DeepClone();
            relaxation.Apply(target, context);
            if (!JToken.DeepEquals(before, target))
            {
                _locations.Record(relaxation.Id);
            }
        }
    }

    /// <summary>Converts each property, then lets the property rules see it with its name.</summary>
    private JObject ConvertProperties(JObject properties, SchemaRole role)
    {
        var converted = new JObject();
        foreach (var child in properties.Properties())
        {
            if (role == SchemaRole.Request && FieldsDocumentedByFilters.IsAdded(child.Value))
            {
                // What Connect sends is not what it takes: a field known from a list's filters stays out of request bodies.
                continue;
            }

            using var step = _locations.Step(child.Name);
            var schema = Convert(child.Value, role);
            foreach (var rule in SchemaRelaxationCatalog.PropertyRulesFor(role))
            {
                var context = new PropertyContext(child.Name, child.Value, schema, role, _shapes, raw => Convert(raw, role), (key, build) => Shared(key, role, build));
                if (rule.Relax(context) is { } relaxed)
                {
                    schema = relaxed;
                    _locations.Record(rule.Id);
                }
            }

            converted[child.Name] = schema;
        }

        return converted;
    }

    /// <summary>Converts a schema as the field NAME of the node being converted: rule locations inside it are recorded under NAME.</summary>
    private JObject ConvertField(string name, JToken schema, SchemaRole role)
    {
        using var step = _locations.Step(name);
        return Convert(schema, role);
    }

    /// <summary>A reference to the shared definition ROLE.KEY, built on first use (a placeholder breaks cycles).</summary>
    private JObject Shared(string key, SchemaRole role, Func<JObject> build)
    {
        var name = DefinitionName(key, role);
        if (!_definitions.ContainsKey(name))
        {
            _definitions[name] = new JObject();
            using var scope = _locations.Enter(name);
            _definitions[name] = build();
        }

        return new JObject { ["$ref"] = DefinitionPrefix + name };
    }
}
