namespace TemporalBridge.Sandbox.Shared;

/// <summary>A control request that checks itself; <see cref="ControlValidationFilter{T}"/> answers a ValidationProblem.</summary>
public interface IControlRequest
{
    Dictionary<string, string[]> Validate();
}

/// <summary>Runs the request's own checks in a filter, so handlers of both emulators' control APIs see only valid input.</summary>
public sealed class ControlValidationFilter<T> : IEndpointFilter
    where T : class, IControlRequest
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var errors = context.Arguments.OfType<T>().FirstOrDefault()?.Validate() ?? new() { ["body"] = ["is required"] };
        return errors.Count == 0 ? await next(context) : TypedResults.ValidationProblem(errors);
    }
}

public static class ControlValidation
{
    /// <summary>Validates the endpoint's <typeparamref name="T"/> body before its handler runs.</summary>
    public static RouteHandlerBuilder Validates<T>(this RouteHandlerBuilder endpoint)
        where T : class, IControlRequest =>
        endpoint.AddEndpointFilter<ControlValidationFilter<T>>();
}

/// <summary>The small checks control requests are built from; each answers the problem, or null when the value is fine.</summary>
internal static class ControlChecks
{
    public static string? Required(string? value) => string.IsNullOrWhiteSpace(value) ? "is required" : null;

    public static string? OneOf(string? value, IReadOnlyList<string> allowed) =>
        value is not null && allowed.Contains(value) ? null : $"must be one of {string.Join(", ", allowed)}";

    public static string? Delay(int? ms) => ms is < 0 or > 600_000 ? "must be between 0 and 600000" : null;

    public static string? Copies(int? copies) => copies is < 1 or > 10 ? "must be between 1 and 10" : null;

    /// <summary>The failed checks as a ValidationProblem's errors, each under its field's wire name.</summary>
    public static Dictionary<string, string[]> Of(params (string Field, string? Problem)[] checks) =>
        checks.Where(c => c.Problem is not null).ToDictionary(c => c.Field, c => new[] { c.Problem! });
}
