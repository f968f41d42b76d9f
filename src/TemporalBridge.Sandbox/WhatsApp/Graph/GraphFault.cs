using TemporalBridge.Sandbox.Shared;

namespace TemporalBridge.Sandbox.WhatsApp.Graph;

/// <summary>What a Graph call does, as the call log and fault injection name it.</summary>
public static class GraphOperations
{
    public const string Send = "send";
    public const string Read = "read";
    public const string Typing = "typing";
    public const string MediaLookup = "media";
    public const string MediaDownload = "media_download";

    /// <summary>Registering a number for the Cloud API (connecting it): only a fault naming it matches.</summary>
    public const string Register = "register";

    public static readonly IReadOnlyList<string> All = [Send, Read, Typing, MediaLookup, MediaDownload, Register];
}

/// <summary>
/// One injected fault: the next <see cref="Count"/> matching calls wait <see cref="DelayMs"/>, then answer Meta's
/// error <see cref="Code"/>, or a bare gateway <see cref="HttpStatus"/>, or (with neither) go on normally.
/// Null filters match every call.
/// </summary>
public sealed record GraphFault(int? Code, int? HttpStatus, int DelayMs, int Count, string? PhoneNumberId, string? To, string? Operation)
    : ICountedFault<GraphFault>
{
    public GraphFault WithCount(int count) => this with { Count = count };

    public bool Matches(string operation, string? phoneNumberId, string? to) =>
        (Operation is null || Operation == operation) &&
        (PhoneNumberId is null || PhoneNumberId == phoneNumberId) &&
        (To is null || (to is not null && (To == to || WhatsAppIds.NormalisePhone(To) == WhatsAppIds.NormalisePhone(to))));
}
