namespace TemporalBridge.Commands;

/// <summary>
/// One-off commands run instead of the service (<c>dotnet run --project src/TemporalBridge -- register-app …</c>).
/// They build only what they need: no web host, no Temporal, no Redis.
/// </summary>
public static class BridgeCommands
{
    private static readonly Dictionary<string, Func<string[], CommandConsole, Task<int>>> Commands = new(StringComparer.Ordinal)
    {
        [RegisterAppCommand.Name] = (args, console) => RegisterAppCommand.RunAsync(args, console),
    };

    /// <summary>True when the first argument names a command; anything else starts the service.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.ContainsKey(args[0]);

    /// <summary>Runs the command named by the first argument; returns the process exit code.</summary>
    public static Task<int> RunAsync(string[] args) => Commands[args[0]](args[1..], CommandConsole.System);
}

/// <summary>Where a command writes, and (for tests) configuration layered over the environment's.</summary>
public sealed record CommandConsole(TextWriter Out, TextWriter Error)
{
    public static CommandConsole System => new(Console.Out, Console.Error);

    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}
