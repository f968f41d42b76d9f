using System.Text.Json;

namespace TemporalBridge.Providers.Meta;

/// <summary>A field of the payload is missing or wrong: thrown while reading, answered as a <see cref="PayloadProblem"/>.</summary>
internal sealed class PayloadShapeException(string path, string problem) : Exception($"{path} {problem}")
{
    public string Path { get; } = path;

    public string Problem { get; } = problem;

    public static string Required(string? value, string path) =>
        string.IsNullOrWhiteSpace(value) ? throw new PayloadShapeException(path, "is required") : value;

    /// <summary>
    /// The serializer's complaint about <paramref name="path"/>, in the bridge's words: its own message is not passed
    /// on, since for a syntax error it quotes the body. Text that is not JSON, a key given twice, or a value of the
    /// wrong type (at <paramref name="bodyPath"/>: a body that is not an object); the position only where it counts
    /// from the body.
    /// </summary>
    public static PayloadShapeException FromJson(JsonException e, string path, string bodyPath, bool withPosition)
    {
        var where = withPosition && e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
        var problem = e.InnerException is JsonException ? $"is not valid JSON{where}"
            : e.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase) ? $"holds a key twice{where}: which one counts would be a guess"
            : path == bodyPath ? "must be a JSON object"
            : $"has the wrong type{where}";
        return new PayloadShapeException(path, problem);
    }

    public static T Required<T>(T? value, string path)
        where T : class =>
        value ?? throw new PayloadShapeException(path, "is required");
}
