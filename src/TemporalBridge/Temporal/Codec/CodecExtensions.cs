using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using TemporalBridge.Hosting;
using Temporalio.Converters;

namespace TemporalBridge.Temporal.Codec;

public static class CodecExtensions
{
    /// <summary>
    /// The payload codec from the <c>Temporal:Encryption</c> keys, and the codec endpoint's settings and CORS policy.
    /// The keys are required in every environment (appsettings.Development.json has a development key): the bridge
    /// never writes plaintext payloads to Temporal.
    /// </summary>
    public static void AddTemporalCodec(this IHostApplicationBuilder builder)
    {
        builder.AddSettings<TemporalEncryptionOptions>(TemporalEncryptionOptions.Section);
        builder.AddSettings<TemporalCodecOptions>(TemporalCodecOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<TemporalCodecOptions>, TemporalCodecOptionsValidator>();

        builder.Services.AddSingleton(services =>
        {
            var encryption = services.GetRequiredService<IOptions<TemporalEncryptionOptions>>().Value;
            return new AesGcmPayloadCodec(encryption.KeyId, encryption.DecodeKeys());
        });

        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>()
            .Configure<IOptions<TemporalCodecOptions>>((cors, codec) => cors.AddPolicy(CodecApi.CorsPolicy, policy =>
            {
                // Disabled: no origin is allowed, so a preflight gets no Access-Control-Allow-* headers.
                if (codec.Value.Enabled)
                {
                    policy.WithOrigins([.. codec.Value.AllowedOriginList])
                        .WithMethods(HttpMethods.Post)
                        // What the Temporal UI sends (temporalio/ui, src/lib/services/data-encoder.ts): JSON, the
                        // namespace, and with "pass access token" its bearer token and its ID token.
                        .WithHeaders("content-type", "x-namespace", "authorization", "authorization-extras")
                        // The UI's "include cross-origin credentials" option, for a sign-on proxy's cookie.
                        .AllowCredentials()
                        .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
                }
            }));
    }

    /// <summary>
    /// Before routing: a codec endpoint configured with a trailing slash (the UI's server-wide setting and the CLI's
    /// <c>--codec-endpoint</c> are used as given) calls <c>/codec//decode</c>; the empty segment is dropped so it
    /// reaches <c>/codec/decode</c>. Only paths under /codec are touched.
    /// </summary>
    public static void UseTemporalCodecPaths(this WebApplication app) =>
        app.Use((context, next) =>
        {
            var path = context.Request.Path.Value;
            if (path is not null && path.StartsWith(CodecApi.Path + "/", StringComparison.Ordinal) && path.Contains("//", StringComparison.Ordinal))
            {
                context.Request.Path = new PathString(System.Text.RegularExpressions.Regex.Replace(path, "/{2,}", "/"));
            }
            return next(context);
        });

    /// <summary>
    /// After routing, before the rate limits: CORS answers the UI's preflights itself (they carry no token, so they
    /// must not spend anyone's budget) and puts its headers on every codec answer, a 429 included — without them the
    /// browser reports a CORS error instead of the 429 and its Retry-After. Only the codec's endpoints have a policy,
    /// so nothing else in the service answers cross-origin requests.
    /// </summary>
    public static void UseTemporalCodecCors(this WebApplication app) => app.UseCors();

    /// <summary>
    /// The SDK's default converter with the codec. Failures are converted with their message and stack trace moved
    /// into an encoded attribute too: an exception's message (an HTTP error echoing a request, say) can carry a
    /// message body or token as easily as a payload can. The UI shows them through the codec endpoint.
    /// </summary>
    public static DataConverter CreateDataConverter(AesGcmPayloadCodec codec) => DataConverter.Default with
    {
        PayloadCodec = codec,
        FailureConverter = new DefaultFailureConverter.WithEncodedCommonAttributes(),
    };
}
