using Scalar.AspNetCore;

namespace TemporalBridge.ApiReference;

public static class ApiReferenceExtensions
{
    /// <summary>
    /// The document names its server as "/" (this host, relative): left to itself it would write back whatever
    /// <c>Host</c> header a caller sent, so anyone could make it point readers elsewhere.
    /// </summary>
    public static void AddApiReference(this IHostApplicationBuilder builder) =>
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Servers = [new Microsoft.OpenApi.OpenApiServer { Url = "/" }];
            return Task.CompletedTask;
        }));

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
