using Microsoft.AspNetCore.Http.HttpResults;
using TemporalBridge.Sandbox.Meta;
using TemporalBridge.Sandbox.WhatsApp.Control;
using TemporalBridge.Sandbox.WhatsApp.Graph;
using TemporalBridge.Sandbox.WhatsApp.Media;

namespace TemporalBridge.Sandbox.WhatsApp;

public static class WhatsAppEmulatorApi
{
    public const string Root = "/whatsapp-emulator";

    /// <summary>
    /// The WhatsApp Cloud API emulator, under /whatsapp-emulator: the Graph API at <c>/graph/v{version}</c> (the base
    /// URL the bridge's Graph client points at, e.g. /whatsapp-emulator/graph/v23.0), media downloads, and the
    /// control API under /_control. Webhooks go the other way, to the bridge.
    /// </summary>
    public static RouteGroupBuilder MapWhatsAppEmulator(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Root).WithTags("WhatsApp emulator");

        group.MapGet("/", GetInfo);

        var graph = group.MapGroup("/graph/v{version}").AddEndpointFilter<GraphAuthFilter>();
        graph.MapGraphMessages();
        graph.MapGraphMedia();
        // Connecting a number: each call checks its own token (the app's, or the business token of Embedded Signup).
        group.MapGroup("/graph/v{version}").MapOnboardingGraph(OnboardingGraphApi.WhatsApp);

        group.MapMediaDownload();
        group.MapWhatsAppControl();

        return group;
    }

    private static Ok<EmulatorInfo> GetInfo() =>
        TypedResults.Ok(EmulatorInfo.For("whatsapp", "WhatsApp Business Cloud API (Graph API and webhooks)"));
}
