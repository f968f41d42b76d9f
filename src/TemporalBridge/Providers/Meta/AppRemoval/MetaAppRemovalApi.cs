using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using TemporalBridge.Channels;
using TemporalBridge.Limits;
using TemporalBridge.Privacy;
using TemporalBridge.Temporal;

namespace TemporalBridge.Providers.Meta.AppRemoval;

/// <summary>The answer Meta's data-deletion callback requires: where the person can follow it, and its code.</summary>
public sealed record DataDeletionAnswer(string Url, string ConfirmationCode);

/// <summary>
/// Meta's callbacks when a person removes the app (<c>POST /meta/deauthorize</c>) or asks for their data to be deleted
/// (<c>POST /meta/data-deletion</c>), each a form with Meta's <c>signed_request</c>, checked against the secret of every
/// Meta app the bridge has. The person's channels are found by who connected them: on removal they need
/// reconnection (their tokens no longer work); on deletion they are disconnected, which deletes their vcita channels
/// and forgets their credentials. Either is answered only once Temporal holds the work (503 otherwise); deletion
/// answers Meta's <c>{url, confirmation_code}</c>, and the page at that url says where it stands.
/// </summary>
public static partial class MetaAppRemovalApi
{
    public const string Path = "/meta";
    private const string Field = "signed_request";
    private const string CodeField = "confirmation_code";

    /// <summary>A form with one signed request: a few KB at most.</summary>
    private const long MaxBodyBytes = 8 * 1024;

    public static RouteGroupBuilder MapMetaAppRemoval(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Path)
            .WithTags("Meta's app removal")
            .RequireRateLimiting(RateLimits.WhatsApp)
            .WithBodyLimit(MaxBodyBytes)
            .DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/deauthorize", (HttpContext http, IEnumerable<MetaAppSecret> apps, ChannelRevocations revocations, CancellationToken cancel) =>
                ReceiveAsync(http, apps, revocations, deletion: false, cancel))
            .WithSummary("Meta's Deauthorize callback: the person removed the app")
            .WithDescription("Form field signed_request. The person's channels need reconnection.");
        group.MapPost("/data-deletion", (HttpContext http, IEnumerable<MetaAppSecret> apps, ChannelRevocations revocations, CancellationToken cancel) =>
                ReceiveAsync(http, apps, revocations, deletion: true, cancel))
            .WithSummary("Meta's Data Deletion callback")
            .WithDescription("Form field signed_request. Disconnects the person's channels (vcita channels deleted, credentials forgotten); answers {url, confirmation_code}.");
        group.MapGet($"/data-deletion/{{{CodeField}}}", StatusAsync)
            .WithSummary("Where a data-deletion request stands (the page Meta links the person to)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext http, IEnumerable<MetaAppSecret> apps, ChannelRevocations revocations, bool deletion, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType)
        {
            return Invalid("must be sent as a form field (application/x-www-form-urlencoded), as Meta sends it");
        }
        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (form[Field] is not [{ Length: > 0 } value])
        {
            return Invalid("is required, once");
        }
        var verified = apps
            .Select(app => (app.Provider, Payload: SignedRequest.Verify(value, app.Secret())))
            .Where(v => v.Payload is not null)
            .ToList();
        if (verified.Count == 0)
        {
            return Invalid("is not signed by a Meta app of this bridge, or is malformed");
        }

        var person = ConnectedByPseudonym.Of(verified[0].Payload!.UserId);
        var providers = verified.Select(v => v.Provider).ToList();
        if (!deletion)
        {
            await revocations.StartAsync(
                WorkflowIds.Revocation("deauthorize", $"{person}-{verified[0].Payload!.IssuedAt}"),
                new RevocationInput(providers, person, null, new AccessRevoked("the person who connected it removed the app", Disconnect: false)),
                cancellationToken);
            return TypedResults.Ok();
        }

        var code = NewCode();
        await revocations.StartAsync(
            WorkflowIds.Revocation("data-deletion", code),
            new RevocationInput(providers, person, null, new AccessRevoked("the person who connected it asked Meta to delete their data", Disconnect: true)),
            cancellationToken);
        var url = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{Path}/data-deletion/{code}";
        return TypedResults.Json(new DataDeletionAnswer(url, code), MetaAppRemovalJsonContext.Default.DataDeletionAnswer);
    }

    private static async Task<IResult> StatusAsync(string confirmation_code, ChannelRevocations revocations, CancellationToken cancellationToken)
    {
        if (!Code().IsMatch(confirmation_code))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [CodeField] = [$"{CodeField} must be the code the bridge gave: {CodeLength} lowercase letters and digits"],
            });
        }
        if (await revocations.FindAsync(WorkflowIds.Revocation("data-deletion", confirmation_code), cancellationToken) is not { } state)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown deletion request",
                detail: "This bridge has no data-deletion request with this code.", extensions: new Dictionary<string, object?> { ["field"] = CodeField });
        }
        var where = state switch
        {
            { Done: true, Channels: 0 } => "Done: this bridge held no connected account of yours.",
            { Done: true } => $"Done: {state.Channels} connected account(s) were disconnected, their vcita channels deleted and their access tokens forgotten.",
            _ => "In progress: your connected accounts are being disconnected and their access tokens forgotten.",
        };
        var html = HtmlEncoder.Default;
        return TypedResults.Content(
            $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Data deletion request {html.Encode(confirmation_code)}</title></head>" +
            $"<body><h1>Data deletion request {html.Encode(confirmation_code)}</h1><p>{html.Encode(where)}</p></body></html>",
            "text/html; charset=utf-8");
    }

    private static ProblemHttpResult Invalid(string problem) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Not a signed request from Meta",
        detail: $"{Field} {problem}. Nothing was changed.",
        extensions: new Dictionary<string, object?> { ["field"] = Field });

    private const int CodeLength = 20;

    private static string NewCode() => RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", CodeLength);

    [GeneratedRegex("^[a-z0-9]{20}\\z")]
    private static partial Regex Code();
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)]
[System.Text.Json.Serialization.JsonSerializable(typeof(DataDeletionAnswer))]
internal sealed partial class MetaAppRemovalJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
