using TemporalBridge.Providers;

namespace TemporalBridge.Deliveries;

/// <summary>
/// A provider's statuses of a message the bridge sent, the forward-only rule, and what vcita is told: the mirror of
/// <see cref="VcitaMessageStatus"/> for the other direction. A late or duplicate report never moves a message back
/// (a <c>delivered</c> after <c>read</c> changes nothing); <c>failed</c> ends it from any point before <c>read</c>.
/// </summary>
public static class ProviderDeliveryStatuses
{
    public static bool IsFinal(ProviderDeliveryStatus status) => status is ProviderDeliveryStatus.Read or ProviderDeliveryStatus.Failed;

    /// <summary>The status after <paramref name="reported"/> arrives; <paramref name="current"/> is null before any.</summary>
    public static ProviderDeliveryStatus Next(ProviderDeliveryStatus? current, ProviderDeliveryStatus reported) => current switch
    {
        { } final when IsFinal(final) => final,
        _ when reported == ProviderDeliveryStatus.Failed => reported,
        { } earlier when earlier >= reported => earlier,
        _ => reported,
    };

    /// <summary>vcita's word for it: sent → <c>sent</c>, delivered → <c>received</c>, read → <c>read</c>, failed → <c>error</c>.</summary>
    public static string ToVcita(ProviderDeliveryStatus status) => status switch
    {
        ProviderDeliveryStatus.Sent => VcitaMessageStatus.Sent,
        ProviderDeliveryStatus.Delivered => VcitaMessageStatus.Received,
        ProviderDeliveryStatus.Read => VcitaMessageStatus.Read,
        ProviderDeliveryStatus.Failed => VcitaMessageStatus.Error,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
