namespace TemporalBridge.Deliveries;

/// <summary>
/// The values of the <c>BridgeDeliveryState</c> search attribute, in a delivery's life: what an operator filters
/// on to find what is stuck (<c>retrying</c>) or gave up (<c>failed</c>).
/// </summary>
public static class DeliveryStates
{
    /// <summary>Set at start: being handed to the other side, first attempts.</summary>
    public const string Delivering = "delivering";

    /// <summary>The first attempts failed; retrying with backoff. <c>BridgeDeliveryAttempts</c> and
    /// <c>BridgeLastErrorCode</c> say how often and why.</summary>
    public const string Retrying = "retrying";

    /// <summary>The other side has the message; its status is followed from here.</summary>
    public const string Delivered = "delivered";

    /// <summary>Given up: a permanent error, or retries ran out. <c>BridgeLastErrorCode</c> says why.</summary>
    public const string Failed = "failed";
}
