using Newtonsoft.Json.Linq;

namespace Connector.Core.Descriptors;

/// <summary>
/// The descriptor rules a JSON Schema cannot express: unique ids, cross references between object types,
/// operations, fields, operators and actions, path template parameters, field defaults within their ranges.
/// Works on the raw JSON so that every problem is found even when the shape is also wrong.
/// </summary>
internal static class DescriptorRules
{
    public static IReadOnlyList<DescriptorProblem> Check(JToken root)
    {
        var problems = new List<DescriptorProblem>();
        if (root is not JObject descriptor)
        {
            problems.Add(new DescriptorProblem("$", "a descriptor is a JSON object"));
            return problems;
        }

        CheckFields(descriptor, "connectionFields", problems);
        var operationFields = CheckFields(descriptor, "operationFields", problems);
        var kinds = new HashSet<string>(Array(descriptor, "operationTypes").Select(t => t.ToString()), StringComparer.OrdinalIgnoreCase);
        var actions = UniqueIds(descriptor, "customActions", problems);
        var operators = UniqueIds(descriptor, "queryOperators", problems);
        UniqueIds(descriptor, "sortOrders", problems);

        if (descriptor["maxSortFields"] is JValue { Type: JTokenType.Integer } maxSort && (long)maxSort > 0 && Array(descriptor, "sortOrders").Count == 0)
        {
            problems.Add(new DescriptorProblem("$.maxSortFields", "sorting is allowed but no sortOrders are declared"));
        }

        var objectTypes = Array(descriptor, "objectTypes");
        var typeIds = UniqueIds(descriptor, "objectTypes", problems);
        for (var i = 0; i < objectTypes.Count; i++)
        {
            if (objectTypes[i] is JObject objectType)
            {
                CheckObjectType(objectType, $"$.objectTypes[{i}]", new DeclaredNames(typeIds, kinds, actions, operators, operationFields), problems);
            }
        }

        return problems;
    }

    /// <summary>What the descriptor declares once and operations refer to by name.</summary>
    private sealed record DeclaredNames(
        HashSet<string> TypeIds,
        HashSet<string> Kinds,
        HashSet<string> Actions,
        HashSet<string> Operators,
        HashSet<string> OperationFields);

    private static void CheckObjectType(JObject objectType, string path, DeclaredNames names, List<DescriptorProblem> problems)
    {
        var id = (string?)objectType["id"];
        var parent = objectType["parent"] is JValue { Type: JTokenType.String } p ? (string)p! : null;
        if (parent is not null)
        {
            if (!names.TypeIds.Contains(parent))
            {
                problems.Add(new DescriptorProblem(path + ".parent", $"the parent object type '{parent}' is not declared"));
            }
            else if (string.Equals(parent, id, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(new DescriptorProblem(path + ".parent", "an object type cannot be its own parent"));
            }
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var operations = Array(objectType, "operations");
        for (var j = 0; j < operations.Count; j++)
        {
            if (operations[j] is JObject operation)
            {
                CheckOperation(operation, $"{path}.operations[{j}]", id, parent, seen, names, problems);
            }
        }
    }

    private static void CheckOperation(JObject operation, string opPath, string? typeId, string? parent, HashSet<string> seen, DeclaredNames names, List<DescriptorProblem> problems)
    {
        var type = (string?)operation["type"] ?? string.Empty;
        var action = operation["action"] is JValue { Type: JTokenType.String } a ? (string)a! : null;
        var key = action is null ? type : type + ":" + action;
        if (!seen.Add(key))
        {
            problems.Add(new DescriptorProblem(opPath, $"the operation {key} is declared twice for object type '{typeId}'"));
        }

        if (type.Length > 0 && !names.Kinds.Contains(type))
        {
            problems.Add(new DescriptorProblem(opPath + ".type", $"the operation type {type} is not among the descriptor's operationTypes"));
        }

        CheckAction(opPath, type, action, names, problems);
        var fields = Array(operation, "fields").Select(f => f.ToString()).ToList();
        for (var k = 0; k < fields.Count; k++)
        {
            if (!names.OperationFields.Contains(fields[k]))
            {
                problems.Add(new DescriptorProblem($"{opPath}.fields[{k}]", $"the operation field '{fields[k]}' is not declared in operationFields"));
            }
        }

        CheckOperators(operation, opPath, type, names, problems);
        CheckPath(operation, opPath, parent, fields, problems);
        CheckBodies(operation, opPath, type, fields, problems);
        ListenDescriptorRules.Check(operation, opPath, type, problems);
    }

    private static void CheckAction(string opPath, string type, string? action, DeclaredNames names, List<DescriptorProblem> problems)
    {
        var isExecute = string.Equals(type, "EXECUTE", StringComparison.OrdinalIgnoreCase);
        if (isExecute && action is null)
        {
            problems.Add(new DescriptorProblem(opPath, "an EXECUTE operation needs an 'action' (its custom type id)"));
        }
        else if (!isExecute && action is not null)
        {
            problems.Add(new DescriptorProblem(opPath + ".action", $"only EXECUTE operations have an action; this one is {type}"));
        }
        else if (action is not null && !names.Actions.Contains(action))
        {
            problems.Add(new DescriptorProblem(opPath + ".action", $"the action {action} is not declared in customActions"));
        }
    }

    private static void CheckOperators(JObject operation, string opPath, string type, DeclaredNames names, List<DescriptorProblem> problems)
    {
        var opOperators = Array(operation, "operators");
        if (opOperators.Count > 0 && !string.Equals(type, "QUERY", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new DescriptorProblem(opPath + ".operators", "only QUERY operations offer query operators"));
        }

        for (var k = 0; k < opOperators.Count; k++)
        {
            if (!names.Operators.Contains(opOperators[k].ToString()))
            {
                problems.Add(new DescriptorProblem($"{opPath}.operators[{k}]", $"the query operator '{opOperators[k]}' is used but not declared in queryOperators"));
            }
        }
    }

    private static void CheckPath(JObject operation, string opPath, string? parent, List<string> fields, List<DescriptorProblem> problems)
    {
        if (operation["path"] is not JValue { Type: JTokenType.String } pathValue)
        {
            return;
        }

        var template = (string)pathValue!;
        var parameters = operation["pathParameters"] as JObject;
        var used = new HashSet<string>(StringComparer.Ordinal);
        var names = TemplateParameters(template);
        foreach (var name in names)
        {
            used.Add(name);
            var supplier = parameters?[name];
            if (supplier is null)
            {
                problems.Add(new DescriptorProblem(opPath + ".path", $"the path parameter {{{name}}} is not supplied by any field (add it to pathParameters)"));
                continue;
            }

            var fieldId = supplier.ToString();
            if (!fields.Contains(fieldId, StringComparer.Ordinal))
            {
                problems.Add(new DescriptorProblem($"{opPath}.pathParameters.{name}", $"the field '{fieldId}' that supplies {{{name}}} is not among the operation's fields"));
            }

            if (fieldId == OperationFieldIds.ParentId && parent is null)
            {
                problems.Add(new DescriptorProblem($"{opPath}.pathParameters.{name}", "the path needs a parent id but the object type declares no parent"));
            }
        }

        if (names.Count != template.Count(c => c == '{'))
        {
            problems.Add(new DescriptorProblem(opPath + ".path", "the path template has a malformed {parameter}"));
        }

        foreach (var declared in parameters?.Properties() ?? [])
        {
            if (!used.Contains(declared.Name))
            {
                problems.Add(new DescriptorProblem($"{opPath}.pathParameters.{declared.Name}", $"the path template has no {{{declared.Name}}} parameter"));
            }
        }
    }

    private static void CheckBodies(JObject operation, string opPath, string type, List<string> fields, List<DescriptorProblem> problems)
    {
        var request = operation["request"] as JObject;
        var response = operation["response"] as JObject;
        var body = (string?)request?["body"];
        if (body == "multipart" && request?["filePart"] is null)
        {
            problems.Add(new DescriptorProblem(opPath + ".request", "a multipart request needs a 'filePart' name"));
        }

        if (body != "multipart" && request?["filePart"] is not null)
        {
            problems.Add(new DescriptorProblem(opPath + ".request.filePart", "only multipart requests have a file part"));
        }

        foreach (var formField in (request?["formFields"] as JObject)?.Properties() ?? [])
        {
            if (!fields.Contains(formField.Value.ToString(), StringComparer.Ordinal))
            {
                problems.Add(new DescriptorProblem($"{opPath}.request.formFields.{formField.Name}", $"the field '{formField.Value}' is not among the operation's fields"));
            }
        }

        // A LISTEN operation reads its list endpoint like a QUERY.
        var isQuery = string.Equals(type, "QUERY", StringComparison.OrdinalIgnoreCase) || string.Equals(type, "LISTEN", StringComparison.OrdinalIgnoreCase);
        var isList = (bool?)response?["list"] ?? false;
        if (isQuery && !isList)
        {
            problems.Add(new DescriptorProblem(opPath + ".response.list", $"a {type} operation answers a list: set \"list\": true"));
        }
        else if (!isQuery && isList)
        {
            problems.Add(new DescriptorProblem(opPath + ".response.list", "only QUERY and LISTEN operations answer a list"));
        }

        if (isQuery && (string?)response?["body"] != "json")
        {
            problems.Add(new DescriptorProblem(opPath + ".response.body", $"a {type} operation answers JSON"));
        }

        if (isQuery && body is not null && body != "none")
        {
            problems.Add(new DescriptorProblem(opPath + ".request.body", $"a {type} operation sends no body"));
        }

        if (((bool?)response?["reread"] ?? false) && (string?)response?["body"] != "empty")
        {
            problems.Add(new DescriptorProblem(opPath + ".response.reread", "only an empty answer can be followed by a re-read"));
        }
    }

    private static HashSet<string> CheckFields(JObject descriptor, string property, List<DescriptorProblem> problems)
    {
        var ids = UniqueIds(descriptor, property, problems);
        var fields = Array(descriptor, property);
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i] is not JObject field)
            {
                continue;
            }

            var path = $"$.{property}[{i}]";
            var type = (string?)field["type"];
            var min = field["minimum"] as JValue;
            var max = field["maximum"] as JValue;
            var defaultValue = field["default"];
            if ((min is not null || max is not null) && type != "integer")
            {
                problems.Add(new DescriptorProblem(path, "minimum and maximum apply to integer fields only"));
            }

            if (min is { Type: JTokenType.Integer } && max is { Type: JTokenType.Integer } && (long)min > (long)max)
            {
                problems.Add(new DescriptorProblem(path + ".minimum", $"minimum {min} is greater than maximum {max}"));
            }

            if (defaultValue is not null)
            {
                CheckDefault(path, type, defaultValue, min, max, Array(field, "allowedValues"), problems);
            }
        }

        return ids;
    }

    /// <summary>A field's default has the field's type, lies within its range and is one of its allowed values.</summary>
    private static void CheckDefault(string path, string? type, JToken defaultValue, JValue? min, JValue? max, JArray allowedValues, List<DescriptorProblem> problems)
    {
        var expected = type switch
        {
            "integer" => JTokenType.Integer,
            "boolean" => JTokenType.Boolean,
            _ => JTokenType.String,
        };
        if (defaultValue.Type != expected)
        {
            problems.Add(new DescriptorProblem(path + ".default", $"the default of a {type} field must be a {expected.ToString().ToLowerInvariant()}"));
            return;
        }

        if (expected == JTokenType.Integer)
        {
            var value = (long)defaultValue;
            if ((min is { Type: JTokenType.Integer } && value < (long)min) || (max is { Type: JTokenType.Integer } && value > (long)max))
            {
                problems.Add(new DescriptorProblem(path + ".default", $"the default {value} is outside [{min?.ToString() ?? "-inf"}, {max?.ToString() ?? "+inf"}]"));
            }
        }

        var allowed = allowedValues.Select(v => v.ToString()).ToList();
        if (expected == JTokenType.String && allowed.Count > 0 && !allowed.Contains((string)defaultValue!, StringComparer.Ordinal))
        {
            problems.Add(new DescriptorProblem(path + ".default", "the default is not one of the allowedValues"));
        }
    }

    private static HashSet<string> UniqueIds(JObject container, string property, List<DescriptorProblem> problems)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var items = Array(container, property);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is JObject item && item["id"] is JValue { Type: JTokenType.String } id && !ids.Add((string)id!))
            {
                problems.Add(new DescriptorProblem($"$.{property}[{i}].id", $"the id '{id}' is declared more than once in {property}"));
            }
        }

        return ids;
    }

    private static JArray Array(JObject container, string property) => container[property] as JArray ?? [];

    /// <summary>
    /// The names of the <c>{name}</c> parameters of a path template, left to right (a name: a letter or '_', then
    /// letters, digits or '_'). A '{' that does not open one (<c>{1}</c>, <c>{a-b}</c>, an unclosed <c>{a</c>) is
    /// skipped, so fewer names than '{' means a malformed template. A scan rather than a regular expression: this runs
    /// at every command's start, and no other code a command such as 'get' runs needs the regex engine loaded and started.
    /// </summary>
    internal static List<string> TemplateParameters(string template)
    {
        var names = new List<string>();
        var start = template.IndexOf('{', StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = start + 1;
            if (end < template.Length && (char.IsAsciiLetter(template[end]) || template[end] == '_'))
            {
                while (end < template.Length && (char.IsAsciiLetterOrDigit(template[end]) || template[end] == '_'))
                {
                    end++;
                }
            }

            var closed = end > start + 1 && end < template.Length && template[end] == '}';
            if (closed)
            {
                names.Add(template[(start + 1)..end]);
            }

            start = template.IndexOf('{', closed ? end + 1 : start + 1);
        }

        return names;
    }
}
