using Microsoft.AspNetCore.Http.HttpResults;

using TemporalBridge.Sandbox.Meta;

namespace TemporalBridge.Sandbox.Messenger;

public static class MessengerEmulatorApi
{
    public const string Root = "/messenger-emulator";

    /// <summary>
    /// The Messenger Platform emulator, under /messenger-emulator: the Graph API at <c>/graph/v{version}</c> (the base
    /// URL the bridge's Send API client points at, e.g. /messenger-emulator/graph/v23.0) and the control API under
    /// /_control. Page webhooks go the other way, to the bridge.
    /// </summary>
    public static RouteGroupBuilder MapMessengerEmulator(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Root).WithTags("Messenger emulator");
        group.MapGet("/", () => TypedResults.Ok(EmulatorInfo.For("messenger", "Messenger Platform (Send API, User Profile API and Page webhooks)")));
        group.MapGroup("/graph/v{version}").MapSendApi();
        group.MapGroup("/graph/v{version}").MapOnboardingGraph(OnboardingGraphApi.Messenger);
        group.MapMessengerControl();
        return group;
    }
}
