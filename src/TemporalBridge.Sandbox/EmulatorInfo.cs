using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TemporalBridge.Sandbox;

/// <summary>What an emulator answers at its root: which service it stands in for, and which sandbox build this is.</summary>
public sealed record EmulatorInfo(string Emulator, string Emulates, string Version)
{
    public static EmulatorInfo For(string emulator, string emulates) => new(emulator, emulates, SandboxVersion);

    private static readonly string SandboxVersion =
        typeof(EmulatorInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "unknown";
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EmulatorInfo))]
internal sealed partial class SandboxJsonContext : JsonSerializerContext;
