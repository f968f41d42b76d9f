using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using TemporalBridge.Hosting;

namespace TemporalBridge.Providers.Meta;

/// <summary>
/// Meta checks a webhook's callback URL before subscribing it (the same for WhatsApp and Messenger): a GET with
/// <c>hub.mode=subscribe</c>, the verify token configured in the app, and a challenge to echo back as plain text.
/// </summary>
public static partial class VerificationHandshake
{
    public const string ModeParameter = "hub.mode";
    public const string VerifyTokenParameter = "hub.verify_token";
    public const string ChallengeParameter = "hub.challenge";

    /// <summary>200 with the challenge when the mode and token are right; 403 when not (checked first, so a caller
    /// without the token learns nothing else); 400 naming <c>hub.challenge</c> when it is missing.</summary>
    public static Results<ContentHttpResult, ProblemHttpResult, ValidationProblem> Answer(
        string provider, string? mode, string? verifyToken, string? challenge, string expectedToken, ILogger logger)
    {
        if (mode != "subscribe" || !SharedSecret.Matches(verifyToken, expectedToken))
        {
            LogRefused(logger, provider);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Verification refused",
                detail: $"{ModeParameter} must be 'subscribe' and {VerifyTokenParameter} must be the configured verify token.");
        }

        if (string.IsNullOrEmpty(challenge))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ChallengeParameter] = ["is required"] });
        }

        LogVerified(logger, provider);
        return TypedResults.Text(challenge, "text/plain", Encoding.UTF8);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a {Provider} webhook verification: wrong mode or verify token")]
    private static partial void LogRefused(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Provider} webhook verified")]
    private static partial void LogVerified(ILogger logger, string provider);
}
