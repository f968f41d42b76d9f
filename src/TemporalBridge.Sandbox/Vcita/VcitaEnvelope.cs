using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TemporalBridge.Sandbox.Vcita;

// vcita answers in two envelope families, and the emulator answers each endpoint in the one vcita publishes for it:
// - the Communication Service (/business/communication): {"success": true, "data": {...}}, and on failure
//   {"success": false, "errors": [{"code", "message"}]}
//   (vcita/developers-hub swagger/communication/legacy/communication.json, definitions.Response, ErrorResponse, StandardError);
// - the platform API (/platform/v1: apps, clients): {"data": {...}, "status": "OK"}, and on failure
//   {"status": "Error", "error": "..."}
//   (swagger/apps/legacy/legacy_v1_apps.json paths./apps.post.responses.201.examples;
//    swagger/clients/legacy/legacy_v1_clients.json paths./clients.get.responses.200.examples and
//    paths./clients/{client_id}/payments.get.responses.422.examples).
// OAuth answers are bare (no envelope): see OAuth/IssuedToken.cs.

/// <summary>The Communication Service's success envelope: <c>{"success": true, "data": {...}}</c>.</summary>
public sealed record VcitaSuccess<T>(T Data)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}

/// <summary>The Communication Service's error envelope: <c>{"success": false, "errors": [{"code", "message"}]}</c>.</summary>
public sealed record VcitaFailure(IReadOnlyList<VcitaError> Errors)
{
    [JsonPropertyOrder(-1)]
    public bool Success => false;
}

/// <summary>One error; <see cref="Code"/> is one of vcita's codes (<see cref="VcitaErrorCodes"/>).</summary>
public sealed record VcitaError(string Code, string Message);

/// <summary>
/// <c>data: {}</c>: what the Communication Service answers to calls that return nothing
/// (communication.json definitions.BaseDto: PUT /messages/{messageUid}, PUT and DELETE /channels/{uid},
/// DELETE /sessions/{uid}).
/// </summary>
public sealed record Nothing;

/// <summary>The platform API's success envelope: <c>{"data": {...}, "status": "OK"}</c>, with no <c>success</c> field.</summary>
public sealed record PlatformSuccess<T>(T Data)
{
    public string Status => "OK";
}

/// <summary>The platform API's error envelope: <c>{"status": "Error", "error": "..."}</c>.</summary>
public sealed record PlatformFailure(string Error)
{
    [JsonPropertyOrder(-1)]
    public string Status => "Error";
}

/// <summary>The codes of <c>StandardError.code</c> (communication.json definitions.StandardError.properties.code.enum).</summary>
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

    /// <summary>200 with <c>data: {}</c>.</summary>
    public static Ok<VcitaSuccess<Nothing>> Done() => Ok(new Nothing());

    public static JsonHttpResult<VcitaFailure> Failure(int status, string code, string message) =>
        Failure(status, [new VcitaError(code, message)]);

    public static JsonHttpResult<VcitaFailure> Failure(int status, IReadOnlyList<VcitaError> errors) =>
        TypedResults.Json(new VcitaFailure(errors), statusCode: status);

    /// <summary>
    /// An unknown uid: 404 with code <c>missing</c>. vcita documents only 401 on these endpoints; a 404 for a uid it
    /// does not know is the emulator's choice, in vcita's error shape and with its code for "not found".
    /// </summary>
    public static JsonHttpResult<VcitaFailure> NotFound(string what, string uid) =>
        Failure(StatusCodes.Status404NotFound, VcitaErrorCodes.Missing, $"{what} '{uid}' not found");

    /// <summary>
    /// A request vcita refuses for what it is: 422, the status vcita's own API test expects for a session on a channel
    /// that is not active yet (api-validation/workflows/communication/post_business_communication_sessions.md).
    /// </summary>
    public static JsonHttpResult<VcitaFailure> Unprocessable(string code, string message) =>
        Failure(StatusCodes.Status422UnprocessableEntity, code, message);

    public static JsonHttpResult<VcitaFailure> Unauthorized(string message) =>
        Failure(StatusCodes.Status401Unauthorized, VcitaErrorCodes.Unauthorized, message);
}

public static class PlatformResults
{
    public static Ok<PlatformSuccess<T>> Ok<T>(T data) => TypedResults.Ok(new PlatformSuccess<T>(data));

    public static Created<PlatformSuccess<T>> Created<T>(T data) => TypedResults.Created((string?)null, new PlatformSuccess<T>(data));

    public static JsonHttpResult<PlatformFailure> Failure(int status, string error) =>
        TypedResults.Json(new PlatformFailure(error), statusCode: status);

    /// <summary>422 for invalid parameters, as the clients API lists it (legacy_v1_clients.json paths./clients.get.responses.422).</summary>
    public static JsonHttpResult<PlatformFailure> Unprocessable(string error) => Failure(StatusCodes.Status422UnprocessableEntity, error);

    public static JsonHttpResult<PlatformFailure> Unauthorized() => Failure(StatusCodes.Status401Unauthorized, "Unauthorized");
}
