namespace TemporalBridge.Temporal.Codec;

/// <summary>
/// An encrypted payload could not be decrypted. The message names the key id and the reason, never a key or any
/// payload content, so it is safe to log and to answer to the Temporal UI.
/// </summary>
public sealed class PayloadDecryptionException : Exception
{
    public PayloadDecryptionException()
    {
    }

    public PayloadDecryptionException(string message)
        : base(message)
    {
    }

    public PayloadDecryptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
