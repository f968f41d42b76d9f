using Scalar.AspNetCore;

namespace TemporalBridge.ApiReference;

public static class ApiReferenceExtensions
{
    public static void AddApiReference(this IHostApplicationBuilder builder) => builder.Services.AddOpenApi();

    /// <summary>
    /// <c>/openapi/v1.json</c> and a browsable reference at <c>/scalar/v1</c>. Served in every environment: it
    /// documents a webhook API and holds no secrets.
    /// </summary>
    public static void MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(options => options.WithTitle("TemporalBridge"));
    }
}
