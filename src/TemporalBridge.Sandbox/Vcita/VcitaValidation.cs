using System.Globalization;
using System.Text.Json;

namespace TemporalBridge.Sandbox.Vcita;

/// <summary>
/// A request body that checks itself the way vcita does; <see cref="VcitaValidationFilter{T}"/> runs it. Fields the
/// spec does not name land in <see cref="Undocumented"/> and are refused: vcita's services validate their bodies
/// against their DTOs, and a field a real vcita may drop or refuse must fail here, where a test sees it.
/// </summary>
public interface IVcitaRequest
{
    IDictionary<string, JsonElement>? Undocumented { get; }

    void Validate(VcitaValidation check);
}

/// <summary>A platform API (<c>/platform/v1</c>) body: its refusals use the platform's error envelope.</summary>
public interface IPlatformRequest : IVcitaRequest;

/// <summary>Collects vcita errors; every message starts with the field it is about.</summary>
public sealed class VcitaValidation
{
    private readonly List<VcitaError> errors = [];

    public IReadOnlyList<VcitaError> Errors => errors;

    public bool IsValid => errors.Count == 0;

    public void Fail(string code, string message) => errors.Add(new VcitaError(code, message));

    /// <summary>Present and not blank; answers whether it is.</summary>
    public bool Required(string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        Fail(VcitaErrorCodes.MissingField, $"{field} is required");
        return false;
    }

    public bool Required<T>(string field, T? value)
        where T : struct
    {
        if (value.HasValue)
        {
            return true;
        }

        Fail(VcitaErrorCodes.MissingField, $"{field} is required");
        return false;
    }

    public void OneOf(string field, string? value, IReadOnlyList<string> allowed)
    {
        if (value is not null && !allowed.Contains(value))
        {
            Fail(VcitaErrorCodes.Invalid, $"{field} is invalid: '{value}' is not one of {string.Join(", ", allowed)}");
        }
    }

    public void BusinessUid(string field, string? value)
    {
        if (Required(field, value) && value!.Length != VcitaRules.BusinessUidLength)
        {
            Fail(VcitaErrorCodes.Invalid, $"{field} is invalid: it must be {VcitaRules.BusinessUidLength} characters long");
        }
    }

    public void MaxLength(string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            Fail(VcitaErrorCodes.TooLong, $"{field} is too long: at most {max} characters");
        }
    }

    /// <summary>Refuses every field the spec does not name for this body.</summary>
    public void OnlyDocumented(IDictionary<string, JsonElement>? undocumented)
    {
        foreach (var field in undocumented?.Keys ?? [])
        {
            Fail(VcitaErrorCodes.Invalid, $"{field} is not a field of this request");
        }
    }

    /// <summary>A string between <paramref name="min"/> and <paramref name="max"/> characters long.</summary>
    public void Length(string field, string? value, int min, int max)
    {
        if (value is not null && (value.Length < min || value.Length > max))
        {
            Fail(VcitaErrorCodes.Invalid, $"{field} is invalid: it must be {min}–{max} characters long");
        }
    }

    public void CreatedAt(string field, string? value)
    {
        if (value is not null &&
            !DateTime.TryParseExact(value, VcitaRules.CreatedAtFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            Fail(VcitaErrorCodes.Invalid, $"{field} is invalid: expected \"YYYY-MM-DD HH:MM:SS\"");
        }
    }

    public void HttpUrl(string field, string? value)
    {
        if (Required(field, value) && !VcitaRules.IsHttpUrl(value))
        {
            Fail(VcitaErrorCodes.Invalid, $"{field} is invalid: it must be an absolute http(s) URL");
        }
    }
}

/// <summary>
/// Validates the endpoint's <typeparamref name="T"/> body before the handler runs: 422 with vcita's errors, in the
/// envelope of the API the body belongs to.
/// </summary>
public sealed class VcitaValidationFilter<T> : IEndpointFilter
    where T : class, IVcitaRequest
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var body = context.Arguments.OfType<T>().FirstOrDefault();
        var check = new VcitaValidation();
        if (body is null)
        {
            check.Fail(VcitaErrorCodes.MissingField, "request body is required");
        }
        else
        {
            check.OnlyDocumented(body.Undocumented);
            body.Validate(check);
        }

        if (check.IsValid)
        {
            return await next(context);
        }

        return typeof(IPlatformRequest).IsAssignableFrom(typeof(T))
            ? PlatformResults.Unprocessable(string.Join("; ", check.Errors.Select(e => e.Message)))
            : VcitaResults.Failure(StatusCodes.Status422UnprocessableEntity, check.Errors);
    }
}

public static class VcitaValidationExtensions
{
    public static RouteHandlerBuilder Validates<T>(this RouteHandlerBuilder endpoint)
        where T : class, IVcitaRequest =>
        endpoint.AddEndpointFilter<VcitaValidationFilter<T>>();
}
