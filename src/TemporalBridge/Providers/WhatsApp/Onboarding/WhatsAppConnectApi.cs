using Microsoft.AspNetCore.Http.HttpResults;
using TemporalBridge.Admin;
using TemporalBridge.Connect;
using TemporalBridge.Hosting;
using TemporalBridge.Providers.Meta.Onboarding;

namespace TemporalBridge.Providers.WhatsApp.Onboarding;

/// <summary><c>POST /connect/whatsapp</c>: what Embedded Signup's FINISH event and login callback gave the page.</summary>
public sealed record SignupRequest(string Code, string PhoneNumberId, string WabaId) : IJsonRequest<SignupRequest>
{
    public static SignupRequest? Read(JsonFields fields)
    {
        var code = fields.RequiredString("code", OnboardingRules.CheckOpaque);
        var phoneNumberId = fields.RequiredString("phone_number_id", OnboardingRules.CheckGraphId);
        var wabaId = fields.RequiredString("waba_id", OnboardingRules.CheckGraphId);
        return code is null || phoneNumberId is null || wabaId is null ? null : new(code, phoneNumberId, wabaId);
    }

    public override string ToString() => $"SignupRequest {{ Code = [redacted], PhoneNumberId = {PhoneNumberId}, WabaId = {WabaId} }}";
}

public static class WhatsAppConnectApi
{
    /// <summary>Adds WhatsApp's connect call to the connect page's group (<see cref="ConnectApi.MapConnect"/>).</summary>
    public static RouteGroupBuilder MapWhatsAppConnect(this RouteGroupBuilder connect)
    {
        connect.MapPost("/whatsapp", ConnectAsync)
            .Validates<SignupRequest>()
            .WithSummary("Connects the number a business chose in Meta's Embedded Signup")
            .WithDescription("Exchanges the code, checks the token covers the WhatsApp Business Account, subscribes the app, " +
                "registers the number unless it is registered, and starts (or reconnects) its channel.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        return connect;
    }

    private static async Task<Results<Accepted<ChannelConnection>, ProblemHttpResult>> ConnectAsync(
        JsonBody<SignupRequest> body, HttpContext http, EmbeddedSignup signup, CancellationToken cancellationToken)
    {
        var request = body.Value;
        var (connected, failure) = await signup.ConnectAsync(
            ConnectSessionFilter.SessionOf(http).BusinessUid, new SignupFinished(request.Code, request.PhoneNumberId, request.WabaId), cancellationToken);
        return connected is not null ? TypedResults.Accepted((string?)null, connected) : failure!.ToProblem();
    }
}
