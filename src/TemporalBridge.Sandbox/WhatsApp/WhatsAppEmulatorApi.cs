using Microsoft.AspNetCore.Http.HttpResults;

namespace TemporalBridge.Sandbox.WhatsApp;

public static class WhatsAppEmulatorApi
{
    /// <summary>The WhatsApp Cloud API emulator (Graph API and webhooks), under /whatsapp-emulator.</summary>
    public static RouteGroupBuilder MapWhatsAppEmulator(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/whatsapp-emulator").WithTags("WhatsApp emulator");

        group.MapGet("/", GetInfo);

        return group;
    }

    private static Ok<EmulatorInfo> GetInfo() =>
        TypedResults.Ok(EmulatorInfo.For("whatsapp", "WhatsApp Business Cloud API (Graph API and webhooks)"));
}
