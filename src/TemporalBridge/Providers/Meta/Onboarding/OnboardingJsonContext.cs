using System.Text.Json.Serialization;

namespace TemporalBridge.Providers.Meta.Onboarding;

/// <summary>Source-generated JSON for the onboarding calls: snake_case names, null members left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(AccessTokenAnswer))]
[JsonSerializable(typeof(TokenDebugAnswer))]
[JsonSerializable(typeof(SuccessAnswer))]
[JsonSerializable(typeof(PhoneNumberAnswer))]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(PagesAnswer))]
internal sealed partial class OnboardingJsonContext : JsonSerializerContext;
