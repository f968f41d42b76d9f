using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.Messenger;
using TemporalBridge.Sandbox.WhatsApp;

namespace TemporalBridge.Sandbox.Meta;

/// <summary>
/// A stand-in for Meta's JavaScript SDK and its login dialog, under /meta-emulator: <c>sdk.js</c> defines
/// <c>FB.init</c> and <c>FB.login</c> and opens the dialog as a popup; the dialog lets the person choose a number
/// (Embedded Signup) or Pages (Facebook Login for Business), cancel, or report an error, and answers the page as Meta
/// does: Embedded Signup's <c>WA_EMBEDDED_SIGNUP</c> window message (FINISH, CANCEL) and the login callback's
/// <c>authResponse</c> (a code, or a user token). The control API revokes what a person granted (removing the app),
/// and calls the bridge's deauthorize and data-deletion callbacks as Meta does; <see cref="AppEventsPage"/> has buttons
/// for them.
/// </summary>
public static class MetaDialogApi
{
    public const string Root = "/meta-emulator";

    public static RouteGroupBuilder MapMetaEmulator(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Root).WithTags("Meta login emulator");
        group.MapGet("/", () => TypedResults.Ok(EmulatorInfo.For("meta", "Meta's JavaScript SDK, login dialogs, Embedded Signup and Facebook Login for Business")));
        group.MapGet("/sdk.js", (HttpResponse response) =>
        {
            // Pages load Meta's SDK with crossorigin="anonymous", and Meta's CDN answers it for any origin.
            response.Headers.AccessControlAllowOrigin = "*";
            return TypedResults.Text(MetaDialogPages.Sdk, "text/javascript; charset=utf-8");
        });
        group.MapGet("/dialog", Dialog);
        group.MapPost("/dialog/finish", Finish);
        group.MapAppEventsPage();

        var control = group.MapGroup("/_control");
        control.MapGet("/state", (MetaLogins logins, IServiceProvider services) => TypedResults.Ok(new MetaLoginsView(
            logins.Subscribed(OnboardingGraphApi.App(OnboardingGraphApi.WhatsApp, services).AppId),
            logins.Subscribed(OnboardingGraphApi.App(OnboardingGraphApi.Messenger, services).AppId),
            logins.RegisterCalls())));
        control.MapPost("/revoke", (string app, MetaLogins logins, IServiceProvider services, IOptions<MetaEmulatorOptions> options) =>
            TypedResults.Ok(new { revoked = logins.RevokeApp(OnboardingGraphApi.App(app, services).AppId, options.Value.UserId) }));
        control.MapPost("/deauthorize", async (string app, AppRemovalCalls removals, CancellationToken aborted) =>
            KnownApp(app) ?? TypedResults.Ok(await removals.DeauthorizeAsync(app, aborted)));
        control.MapPost("/data-deletion", async (string app, AppRemovalCalls removals, CancellationToken aborted) =>
            KnownApp(app) ?? TypedResults.Ok(await removals.DataDeletionAsync(app, aborted)));
        control.MapPost("/reset", (MetaLogins logins) =>
        {
            logins.Reset();
            return TypedResults.NoContent();
        });
        return group;
    }

    private static IResult? KnownApp(string app) => app is OnboardingGraphApi.WhatsApp or OnboardingGraphApi.Messenger
        ? null
        : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["app"] = ["must be whatsapp or messenger"] });

    private static ContentHttpResult Dialog(
        string? flow, string? app_id, string? opener_origin,
        IOptions<WhatsAppEmulatorOptions> whatsApp, IOptions<MessengerEmulatorOptions> messenger, IOptions<MetaEmulatorOptions> meta)
    {
        var html = HtmlEncoder.Default;
        var signup = flow == "signup";
        var choices = signup
            ? whatsApp.Value.Numbers().Select((n, i) =>
                $"<label><input type=\"radio\" name=\"number\" value=\"{html.Encode(n.PhoneNumberId)}\"{(i == 0 ? " checked" : "")}> " +
                $"{html.Encode(n.VerifiedName)} — +{html.Encode(n.DisplayPhoneNumber)}</label>")
            : messenger.Value.AllPages().Select(p =>
                $"<label><input type=\"checkbox\" name=\"page\" value=\"{html.Encode(p.PageId)}\" checked> {html.Encode(p.Name)}</label>");
        return TypedResults.Content(MetaDialogPages.Dialog(
            signup, string.Join("\n", choices), app_id ?? "", opener_origin ?? "", whatsApp.Value.WabaId, meta.Value.BusinessId), "text/html; charset=utf-8");
    }

    /// <summary>The person finished the dialog: a code for Embedded Signup's business token, or Facebook Login's user token.</summary>
    private static Results<Ok<DialogFinishAnswer>, ProblemHttpResult> Finish(
        DialogFinishRequest request, MetaLogins logins, IServiceProvider services, IOptions<WhatsAppEmulatorOptions> whatsApp, IOptions<MetaEmulatorOptions> meta)
    {
        var provider = request.Flow == "signup" ? OnboardingGraphApi.WhatsApp : request.Flow == "login" ? OnboardingGraphApi.Messenger : null;
        if (provider is null || request.AppId != OnboardingGraphApi.App(provider, services).AppId)
        {
            return TypedResults.Problem(statusCode: 400, title: "Unknown app or flow",
                detail: "flow must be signup (the WhatsApp emulator's app) or login (the Messenger emulator's app), with that app's app_id.");
        }
        var user = meta.Value.UserId;
        if (provider == OnboardingGraphApi.WhatsApp)
        {
            if (request.WabaId != whatsApp.Value.WabaId || whatsApp.Value.Numbers().All(n => n.PhoneNumberId != request.PhoneNumberId))
            {
                return TypedResults.Problem(statusCode: 400, title: "Unknown number", detail: "waba_id and phone_number_id must be the WhatsApp emulator's.");
            }
            var grant = new MetaGrant(request.AppId, user, GrantKinds.Business, request.ShareAccount ? [request.WabaId] : [], []);
            return TypedResults.Ok(new DialogFinishAnswer(logins.IssueCode(grant), null, user));
        }
        var pages = request.PageIds ?? [];
        var token = logins.IssueToken(new MetaGrant(request.AppId, user, GrantKinds.ShortUser, [], pages));
        return TypedResults.Ok(new DialogFinishAnswer(null, token, user));
    }
}
