using TemporalBridge.Temporal;

namespace TemporalBridge.Hosting;

public static class ProblemResponsesExtensions
{
    /// <summary>Every error the service answers is a ProblemDetails body, whoever produced it.</summary>
    public static void AddProblemResponses(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        // Handlers run in registration order; anything they decline becomes a plain 500 ProblemDetails.
        builder.Services.AddExceptionHandler<TemporalUnavailableHandler>();
        builder.Services.AddExceptionHandler<TemporalRefusalHandler>();
    }

    public static void UseProblemResponses(this WebApplication app)
    {
        app.UseExceptionHandler();
        // Bare status codes (404 for an unknown path, 405, ...) get a ProblemDetails body too.
        app.UseStatusCodePages();
    }
}
