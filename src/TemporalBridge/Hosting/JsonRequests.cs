using System.Text.Json;

namespace TemporalBridge.Hosting;

/// <summary>
/// A request body type that reads itself from a JSON object, recording every field that is wrong under the field's
/// name. Reading by hand rather than deserializing is what lets a wrong type or a missing field be answered with the
/// field named (the framework's binder answers a bare 400), while fields vcita adds later are simply not read.
/// </summary>
public interface IJsonRequest<TSelf>
    where TSelf : class, IJsonRequest<TSelf>
{
    /// <summary>The request, or null when a field is wrong (<see cref="JsonFields.Errors"/> says which).</summary>
    static abstract TSelf? Read(JsonFields fields);
}

/// <summary>
/// A handler parameter for a JSON body. Binding only records that the endpoint has one: the body is read, limited and
/// judged by <see cref="RequestValidationFilter"/>, after the group's authentication, so nobody unauthenticated gets
/// a body read or learns what is wrong with it.
/// </summary>
public sealed class JsonBody<T>
    where T : class, IJsonRequest<T>
{
    private T? value;

    public T Value => value ?? throw new InvalidOperationException(
        $"The {typeof(T).Name} body was not validated: the endpoint needs .Validates<{typeof(T).Name}>().");

    public static ValueTask<JsonBody<T>?> BindAsync(HttpContext context) => ValueTask.FromResult<JsonBody<T>?>(new JsonBody<T>());

    internal void Accept(T request) => value = request;
}

/// <summary>The fields of one JSON object body, read with their problems recorded as ValidationProblem errors.</summary>
/// <param name="prefix">The path of the object inside the body (<c>credentials.</c>), put before each field's name.</param>
public sealed class JsonFields(JsonElement root, IDictionary<string, string[]> errors, string prefix = "")
{
    public IDictionary<string, string[]> Errors => errors;

    /// <summary>A string that must be present, not null and not blank, and pass <paramref name="rule"/>.</summary>
    public string? RequiredString(string name, Func<string, string?>? rule = null) => ReadString(name, required: true, rule);

    /// <summary>A string that may be absent or null; when present it must not be blank and must pass <paramref name="rule"/>.</summary>
    public string? OptionalString(string name, Func<string, string?>? rule = null) => ReadString(name, required: false, rule);

    /// <summary>A JSON <c>true</c> or <c>false</c> (not <c>"true"</c>, not 1).</summary>
    public bool? RequiredBoolean(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            Fail(name, "is required");
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Fail(name, $"must be true or false, not {Describe(value.ValueKind)}");
            return null;
        }

        return value.GetBoolean();
    }

    /// <summary>A non-empty array of at most <paramref name="maxItems"/> strings, each passing <paramref name="rule"/>;
    /// a wrong item is named by its index (<c>page_ids[2]</c>).</summary>
    public IReadOnlyList<string>? RequiredStringList(string name, int maxItems, Func<string, string?> rule)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            Fail(name, "is required");
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(name, $"must be an array of strings, not {Describe(value.ValueKind)}");
            return null;
        }
        var count = value.GetArrayLength();
        if (count == 0 || count > maxItems)
        {
            Fail(name, $"must hold 1 to {maxItems} items, not {count}");
            return null;
        }
        var items = new List<string>(count);
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemName = $"{name}[{index++}]";
            if (item.ValueKind != JsonValueKind.String)
            {
                Fail(itemName, $"must be a string, not {Describe(item.ValueKind)}");
                return null;
            }
            if (rule(item.GetString()!) is { } problem)
            {
                Fail(itemName, problem);
                return null;
            }
            items.Add(item.GetString()!);
        }
        return items;
    }

    /// <summary>Records a problem with <paramref name="name"/>; the first one recorded for a field is the one answered.</summary>
    public void Fail(string name, string problem) => errors.TryAdd(prefix + name, [problem]);

    /// <summary>An object that may be absent or null; its own fields are read from what this answers, and named by
    /// their path (<c>credentials.access_token</c>).</summary>
    public JsonFields? OptionalObject(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(name, $"must be an object, not {Describe(value.ValueKind)}");
            return null;
        }

        return new JsonFields(value, errors, $"{prefix}{name}.");
    }

    private string? ReadString(string name, bool required, Func<string, string?>? rule)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Fail(name, "is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(name, $"must be a string, not {Describe(value.ValueKind)}");
            return null;
        }

        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // A lone surrogate escape or invalid UTF-8 inside the string: JSON's syntax allows it, text does not.
            Fail(name, "must be valid Unicode text");
            return null;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            Fail(name, "must not be empty");
            return null;
        }

        if (rule?.Invoke(text) is { } problem)
        {
            Fail(name, problem);
            return null;
        }

        return text;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
