using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TemporalBridge.Hosting;

namespace TemporalBridge.Limits;

public static class LimitsExtensions
{
    /// <summary>Rate limits per endpoint group (<see cref="RateLimits"/>) and request body limits (<see cref="BodyLimits"/>).</summary>
    public static void AddRequestLimits(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<RateLimitOptions>(RateLimitOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        builder.Services.AddRateLimiter(RateLimits.AddPolicies);
        builder.Services.AddSingleton<GuessBudgets>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = BodyLimits.LargestBody);
        builder.Services.AddExceptionHandler<BadRequestHandler>();
    }

    /// <summary>After routing (the endpoint's policy and limit are known), before any endpoint runs.</summary>
    public static void UseRequestLimits(this WebApplication app)
    {
        // Rate limits first: a flood is turned away before anything else looks at it.
        app.UseRateLimiter();
        app.Use(BodyLimits.EnforceAsync);
    }
}
