using System.Text.Json;
using System.Text.RegularExpressions;

namespace TemporalBridge.Tests.Vcita.Contract;

/// <summary>Holds a JSON body or a query string against a <see cref="SpecCall"/>'s fields: each problem in words.</summary>
public static class SpecChecks
{
    /// <summary>
    /// Required fields missing, fields of the wrong kind or outside their enum and, with <paramref name="exact"/>,
    /// fields the spec does not name (in objects whose fields it names).
    /// </summary>
    public static IReadOnlyList<string> Problems(JsonElement root, IReadOnlyList<SpecField> fields, bool exact)
    {
        var problems = new List<string>();
        foreach (var field in fields)
        {
            Check(root, field.Path.Split('.'), 0, "", field, problems);
        }

        if (exact)
        {
            var documented = fields.Select(field => field.Path).ToHashSet(StringComparer.Ordinal);
            var opaque = fields.Where(field => field.Opaque).Select(field => field.Path).ToHashSet(StringComparer.Ordinal);
            Undocumented(root, "", documented, opaque, problems);
        }

        return problems;
    }

    /// <summary>The same for a query string: every parameter must be one the spec names.</summary>
    public static IReadOnlyList<string> QueryProblems(string query, IReadOnlyList<SpecField> parameters)
    {
        var values = System.Web.HttpUtility.ParseQueryString(query);
        var problems = new List<string>();
        foreach (var name in values.AllKeys)
        {
            var parameter = parameters.FirstOrDefault(p => p.Path == name);
            if (parameter is null)
            {
                problems.Add($"query parameter {name} is not in the spec");
            }
            else if (parameter.OneOf is { } allowed && !allowed.Contains(values[name]))
            {
                problems.Add($"query parameter {name} is '{values[name]}', not one of {string.Join(", ", allowed)}");
            }
        }

        problems.AddRange(parameters.Where(p => p.Required && values[p.Path] is null).Select(p => $"query parameter {p.Path} is required"));
        return problems;
    }

    /// <summary>A path of the spec (<c>/sessions/{uid}</c>) as a pattern a concrete path must match.</summary>
    public static Regex PathPattern(string path) => new("^" + Regex.Replace(Regex.Escape(path), @"\\\{[^}]+}", "[^/]+") + "$");

    private static void Check(JsonElement node, string[] segments, int index, string at, SpecField field, List<string> problems)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var segment = segments[index];
        var name = segment.EndsWith("[]", StringComparison.Ordinal) ? segment[..^2] : segment;
        var path = at.Length == 0 ? name : $"{at}.{name}";
        if (!node.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (field.Required && index == segments.Length - 1)
            {
                problems.Add($"{path} is required");
            }

            return;
        }

        if (index == segments.Length - 1)
        {
            CheckValue(value, path, field, problems);
            return;
        }

        if (segment.EndsWith("[]", StringComparison.Ordinal))
        {
            if (value.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Check(item, segments, index + 1, $"{path}[{i++}]", field, problems);
                }
            }

            return;
        }

        Check(value, segments, index + 1, path, field, problems);
    }

    private static void CheckValue(JsonElement value, string path, SpecField field, List<string> problems)
    {
        var fits = field.Kind switch
        {
            JsonKind.String => value.ValueKind == JsonValueKind.String,
            JsonKind.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            JsonKind.Integer => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            JsonKind.Object => value.ValueKind == JsonValueKind.Object,
            JsonKind.StringArray => value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String),
            JsonKind.ObjectArray => value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Object),
            _ => false,
        };
        if (!fits)
        {
            problems.Add($"{path} must be {field.Kind}, not {value.ValueKind}");
        }
        else if (field.OneOf is { } allowed && value.ValueKind == JsonValueKind.String && !allowed.Contains(value.GetString()))
        {
            problems.Add($"{path} is '{value.GetString()}', not one of {string.Join(", ", allowed)}");
        }
    }

    /// <summary>In the root and in every object the spec names, every field must be one the spec names.</summary>
    private static void Undocumented(JsonElement node, string at, HashSet<string> documented, HashSet<string> opaque, List<string> problems)
    {
        if (node.ValueKind != JsonValueKind.Object || opaque.Contains(at.EndsWith("[]", StringComparison.Ordinal) ? at[..^2] : at))
        {
            return;
        }

        foreach (var property in node.EnumerateObject())
        {
            var path = at.Length == 0 ? property.Name : $"{at}.{property.Name}";
            var items = path + "[]";
            if (!documented.Contains(path) && !documented.Any(d => d.StartsWith(items + ".", StringComparison.Ordinal)))
            {
                problems.Add($"{path} is not in the spec");
            }
            else if (property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in property.Value.EnumerateArray())
                {
                    Undocumented(item, items, documented, opaque, problems);
                }
            }
            else
            {
                Undocumented(property.Value, path, documented, opaque, problems);
            }
        }
    }
}
