using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TemporalBridge.Sandbox.Vcita;

/// <summary>vcita's success envelope: <c>{"success": true, "data": {...}}</c>.</summary>
public sealed record VcitaSuccess<T>(T Data)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}

/// <summary>vcita's error envelope: <c>{"success": false, "errors": [{"code", "message"}]}</c>.</summary>
public sealed record VcitaFailure(IReadOnlyList<VcitaError> Errors)
{
    [JsonPropertyOrder(-1)]
    public bool Success => false;
}

/// <summary>One error; <see cref="Code"/> is one of vcita's codes (<see cref="VcitaErrorCodes"/>).</summary>
public sealed record VcitaError(string Code, string Message);

public static class VcitaErrorCodes
{
    public const string Missing = "missing";
    public const string MissingField = "missing_field";
    public const string Invalid = "invalid";
    public const string AlreadyExists = "already_exists";
    public const string Duplicate = "duplicate";
    public const string TooLong = "too_long";
    public const string Unexpected = "unexpected";
    public const string Unauthorized = "unauthorized";
    public const string Timeout = "timeout";
}

public static class VcitaResults
{
    public static Ok<VcitaSuccess<T>> Ok<T>(T data) => TypedResults.Ok(new VcitaSuccess<T>(data));

    public static Created<VcitaSuccess<T>> Created<T>(T data) => TypedResults.Created((string?)null, new VcitaSuccess<T>(data));

    public static JsonHttpResult<VcitaFailure> Failure(int status, string code, string message) =>
        Failure(status, [new VcitaError(code, message)]);

    public static JsonHttpResult<VcitaFailure> Failure(int status, IReadOnlyList<VcitaError> errors) =>
        TypedResults.Json(new VcitaFailure(errors), statusCode: status);

    /// <summary>An unknown uid: 404 with code <c>missing</c>.</summary>
    public static JsonHttpResult<VcitaFailure> NotFound(string what, string uid) =>
        Failure(StatusCodes.Status404NotFound, VcitaErrorCodes.Missing, $"{what} '{uid}' not found");

    /// <summary>Validation failures answer 422, like vcita's "Session already exist".</summary>
    public static JsonHttpResult<VcitaFailure> Unprocessable(string code, string message) =>
        Failure(StatusCodes.Status422UnprocessableEntity, code, message);

    public static JsonHttpResult<VcitaFailure> Unauthorized(string message) =>
        Failure(StatusCodes.Status401Unauthorized, VcitaErrorCodes.Unauthorized, message);
}
