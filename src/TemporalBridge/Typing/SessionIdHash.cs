using System.Security.Cryptography;
using System.Text;

namespace TemporalBridge.Typing;

/// <summary>
/// What typing's Redis keys hold in place of a conversation's session workflow id: that id contains the client's
/// phone number (<c>session:whatsapp:{account}:{wa_id}</c>), and keys are listed in plain text by anyone with access to
/// Redis. Hashing the workflow id (rather than keying by the VCS session uid) lets every caller find the state with
/// what it has at hand: vcita's typing call and the outbound send both know the workflow id, a client's typing event
/// can build it, and none of them needs a lookup first.
/// </summary>
internal static class SessionIdHash
{
    public static string Of(string sessionWorkflowId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionWorkflowId)));
}
