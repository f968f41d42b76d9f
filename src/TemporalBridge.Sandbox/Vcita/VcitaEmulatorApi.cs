using Microsoft.AspNetCore.Http.HttpResults;
using TemporalBridge.Sandbox.Vcita.Channels;
using TemporalBridge.Sandbox.Vcita.Control;
using TemporalBridge.Sandbox.Vcita.OAuth;
using TemporalBridge.Sandbox.Vcita.Platform;

namespace TemporalBridge.Sandbox.Vcita;

public static class VcitaEmulatorApi
{
    /// <summary>
    /// The vcita emulator: Communication Service (VCS), OAuth, Clients and Apps APIs, under /vcita-emulator — the
    /// base URL the bridge's <c>Vcita__ApiBaseUrl</c> and <c>Vcita__AuthorizeBaseUrl</c> point at — plus its
    /// control API under /vcita-emulator/_control.
    /// </summary>
    public static RouteGroupBuilder MapVcitaEmulator(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/vcita-emulator").WithTags("vcita emulator");

        // Outermost, so an injected fault answers before authentication, like a failing gateway would.
        group.AddEndpointFilter<FaultFilter>();

        group.MapGet("/", GetInfo);
        group.MapOAuth();

        var communication = group.MapGroup("/business/communication");
        communication.MapChannels();
        communication.MapSessions();
        communication.MapMessages();

        var platform = group.MapGroup("/platform/v1");
        platform.MapClients();
        platform.MapApps();

        group.MapVcitaControl();

        return group;
    }

    private static Ok<EmulatorInfo> GetInfo() =>
        TypedResults.Ok(EmulatorInfo.For("vcita", "vcita Communication Service (VCS), OAuth, Clients and Apps APIs"));
}
