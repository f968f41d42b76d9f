using System.Runtime.CompilerServices;
using TemporalBridge.Privacy;

namespace TemporalBridge.Tests;

/// <summary>
/// The test process's <c>Privacy:ClientIdKey</c>. Set when the test assembly loads, because tests build conversation
/// ids (<see cref="Temporal.WorkflowIds.Session"/>) without a bridge host; every host the tests start is given the same
/// key, as one process may only ever have one.
/// </summary>
internal static class TestPseudonymKey
{
    public const string Base64 = "VEVTVC1PTkxZIGNsaWVudCBpZCBrZXkgZm9yIHRlc3RzIQ==";

    [ModuleInitializer]
    internal static void Set() => ClientPseudonyms.UseKey(Convert.FromBase64String(Base64));
}
