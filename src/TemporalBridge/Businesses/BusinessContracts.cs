using System.Text;

namespace TemporalBridge.Businesses;

/// <summary>
/// A business token vcita granted through the authorization-code flow, as the <see cref="BusinessWorkflow"/> keeps
/// it. It travels only inside Temporal payloads, which the payload codec encrypts; it prints as [redacted].
/// </summary>
/// <param name="Provider">The provider app (<c>whatsapp</c>, …) whose client the token was issued to.</param>
public sealed record BusinessTokenGrant(string AccessToken, DateTimeOffset GrantedAt, string Provider)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AccessToken = [redacted], GrantedAt = ").Append(GrantedAt.ToString("O"))
            .Append(", Provider = ").Append(Provider);
        return true;
    }
}

/// <summary>The input of every run of a <see cref="BusinessWorkflow"/>; a continued run carries the grant.</summary>
public sealed record BusinessWorkflowInput(string BusinessUid, BusinessTokenGrant? Grant = null);

/// <summary>
/// Thrown when a business has no token here: it never completed the OAuth flow (or its workflow was terminated).
/// Activities turn it into a non-retryable failure of type <see cref="ErrorType"/>: retrying cannot help until
/// the business connects.
/// </summary>
public sealed class BusinessNotConnectedException(string businessUid, Exception? innerException = null)
    : Exception(
        $"Business {businessUid} has not connected the bridge to vcita: its owner must open /oauth/vcita/start " +
        "and grant access.", innerException)
{
    /// <summary>A stable name for retry policies and failure types. Never rename it: histories refer to it.</summary>
    public const string ErrorType = "BusinessNotConnected";

    public string BusinessUid { get; } = businessUid;
}
