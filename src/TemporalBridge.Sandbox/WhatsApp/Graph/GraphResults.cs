using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TemporalBridge.Sandbox.WhatsApp.Graph;

/// <summary>Graph API answers, always written with <see cref="WhatsAppJsonContext"/> so their JSON is exactly Meta's shape.</summary>
public static class GraphResults
{
    public static JsonHttpResult<GraphErrorBody> Error(int code, string? details = null)
    {
        var meta = GraphErrors.Get(code);
        return TypedResults.Json(meta.ToBody(details), WhatsAppJsonContext.Default.GraphErrorBody, statusCode: meta.HttpStatus);
    }

    /// <summary>Meta's answer for an id that is not one of its objects (an unknown phone number or media id).</summary>
    public static JsonHttpResult<GraphErrorBody> UnknownObject(string id, string verb)
    {
        var body = new GraphErrorBody(new GraphError(
            $"Unsupported {verb} request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
            "GraphMethodException", GraphErrors.InvalidParameter, ErrorData: null, WhatsAppIds.NewTraceId()));
        return TypedResults.Json(body, WhatsAppJsonContext.Default.GraphErrorBody, statusCode: StatusCodes.Status400BadRequest);
    }

    public static JsonHttpResult<T> Json<T>(T value, JsonTypeInfo<T> type) =>
        TypedResults.Json(value, type);
}
