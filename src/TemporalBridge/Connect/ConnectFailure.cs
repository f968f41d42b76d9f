using Microsoft.AspNetCore.Http.HttpResults;
using TemporalBridge.Providers;

namespace TemporalBridge.Connect;

/// <summary>
/// Why connecting an account did not happen, as the connect page shows it: what happened and what to do. Nothing was
/// connected. <see cref="Field"/> names the request's field the failure is about, when one is.
/// </summary>
public sealed record ConnectFailure(int Status, string Title, string Detail, string? Field = null)
{
    public ProblemHttpResult ToProblem() => TypedResults.Problem(
        statusCode: Status,
        title: Title,
        detail: Detail,
        extensions: Field is null ? null : new Dictionary<string, object?> { ["field"] = Field });

    /// <summary>The provider's app is not set up for the dialog: an operator's setting, not the business's doing.</summary>
    public static ConnectFailure NotConfigured(string provider, params string[] settings) => new(
        StatusCodes.Status503ServiceUnavailable,
        $"{ProviderNames.Title(provider)} cannot be connected here yet",
        $"This bridge has no Meta app set up for connecting {ProviderNames.Title(provider)} accounts " +
        $"({string.Join(", ", settings)}). Ask its operator.");

    /// <summary>Meta refused or failed a step; <paramref name="todo"/> says what the business can do about it.</summary>
    public static ConnectFailure Meta(string step, ProviderApiException e, string todo, string? field = null) => e.Kind switch
    {
        ProviderFailure.Transient or ProviderFailure.Throttled => new(
            StatusCodes.Status502BadGateway, $"Meta did not answer the {step} step",
            $"Meta failed for now ({e.Code}); nothing was connected. Try again in a minute."),
        _ => new(
            StatusCodes.Status400BadRequest, $"Meta refused the {step} step",
            $"{e.Message}. Nothing was connected. {todo}", field),
    };

    /// <summary>The account belongs to another vcita business here; which one is not said (it is not this one's to know).</summary>
    public static ConnectFailure ConnectedElsewhere(string provider, string field) => new(
        StatusCodes.Status409Conflict,
        "Already connected to another business",
        $"This {ProviderNames.Title(provider)} account is connected to another vcita business on this bridge. " +
        "Disconnect it there first, then connect it here.",
        field);
}
