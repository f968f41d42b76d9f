namespace TemporalBridge.Providers.Meta;

/// <summary>A field of the payload is missing or wrong: thrown while reading, answered as a <see cref="PayloadProblem"/>.</summary>
internal sealed class PayloadShapeException(string path, string problem) : Exception($"{path} {problem}")
{
    public string Path { get; } = path;

    public string Problem { get; } = problem;

    public static string Required(string? value, string path) =>
        string.IsNullOrWhiteSpace(value) ? throw new PayloadShapeException(path, "is required") : value;

    public static T Required<T>(T? value, string path)
        where T : class =>
        value ?? throw new PayloadShapeException(path, "is required");
}
