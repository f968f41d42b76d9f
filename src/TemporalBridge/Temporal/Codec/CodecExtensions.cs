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
                        // What the Temporal UI sends: JSON, the namespace, and (optionally) its bearer token.
                        .WithHeaders("content-type", "x-namespace", "authorization")
                        // The UI's "include cross-origin credentials" option, for a sign-on proxy's cookie.
                        .AllowCredentials()
                        .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
                }
            }));
    }

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
