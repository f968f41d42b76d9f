using TemporalBridge.Sandbox.Shared;

namespace TemporalBridge.Sandbox.Messenger;

/// <summary>The next <see cref="Count"/> calls of <see cref="Operation"/> (any, when null) to <see cref="PageId"/> (any,
/// when null) fail with the Send API error <see cref="Code"/>/<see cref="Subcode"/>.</summary>
public sealed record SendApiFault(string? Operation, string? PageId, int Code, int? Subcode, int Count) : ICountedFault<SendApiFault>
{
    public SendApiFault WithCount(int count) => this with { Count = count };

    public bool Matches(string operation, string pageId) => (Operation is null || Operation == operation) && (PageId is null || PageId == pageId);

    public SendApiError Error => SendApiErrors.Injectable.First(e => e.Code == Code && (Subcode is null || e.Subcode == Subcode));
}
