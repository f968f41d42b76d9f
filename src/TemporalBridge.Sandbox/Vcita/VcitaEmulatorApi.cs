using Microsoft.AspNetCore.Http.HttpResults;

namespace TemporalBridge.Sandbox.Vcita;

public static class VcitaEmulatorApi
{
    /// <summary>The vcita emulator: Communication Service (VCS), OAuth, Clients and Apps APIs, under /vcita-emulator.</summary>
    public static RouteGroupBuilder MapVcitaEmulator(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/vcita-emulator").WithTags("vcita emulator");

        group.MapGet("/", GetInfo);

        return group;
    }

    private static Ok<EmulatorInfo> GetInfo() =>
        TypedResults.Ok(EmulatorInfo.For("vcita", "vcita Communication Service (VCS), OAuth, Clients and Apps APIs"));
}
