using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace TemporalBridge.Testing.Redis;

/// <summary>
/// A real, throwaway <c>redis-server</c> on a free loopback port, for one test class
/// (<c>IClassFixture&lt;RedisServer&gt;</c>). No persistence, its own temp dir, killed on dispose.
/// Fails loudly when redis-server is not installed: a skipped Redis test would hide a broken environment.
/// Outages can be staged: <see cref="Stop"/> (connections refused), <see cref="Pause"/> (connections accepted,
/// nothing answered, as a hung Redis) and <see cref="StartAgainAsync"/> on the same port.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(15);

    private readonly string directory = Directory.CreateTempSubdirectory("redis-test-").FullName;
    private Process? process;

    public int Port { get; private set; }

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        Port = FreePort.Next();
        await StartAsync();
    }

    /// <summary>Kills the server: from now on connections to its port are refused, as when Redis is down.</summary>
    public void Stop()
    {
        if (process is not null)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
            process = null;
        }
    }

    /// <summary>After <see cref="Stop"/>: a new, empty server on the same port, as after a Redis restart.</summary>
    public Task StartAgainAsync() => StartAsync();

    /// <summary>
    /// Freezes the process (SIGSTOP): the kernel still accepts connections on its port and takes what is sent, but
    /// nothing is answered, so every command runs into its timeout. <see cref="Resume"/> undoes it.
    /// </summary>
    public void Pause() => Signal("-STOP");

    public void Resume() => Signal("-CONT");

    private void Signal(string signal)
    {
        var pid = (process ?? throw new InvalidOperationException("redis-server is not running")).Id;
        using var kill = Process.Start(new ProcessStartInfo("kill")
        {
            ArgumentList = { signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("kill did not start");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {signal} {pid} exited with {kill.ExitCode}");
        }
    }

    private async Task StartAsync()
    {
        var executable = FindOnPath("redis-server")
            ?? throw new InvalidOperationException(
                "redis-server not found on PATH: apt-get install -y redis-server");

        process = Process.Start(new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", directory,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start");

        using var deadline = new CancellationTokenSource(StartDeadline);
        await WaitUntilReadyAsync(process, deadline.Token);
        await PingAsync(Port, deadline.Token);
    }

    public Task DisposeAsync()
    {
        Stop(); // SIGKILL ends a paused process too
        Directory.Delete(directory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>
    /// redis-server prints "Ready to accept connections" once it listens: wait for that line rather than polling.
    /// If it exits first (e.g. the port was taken in the meantime), fail with what it printed.
    /// </summary>
    private static async Task WaitUntilReadyAsync(Process redis, CancellationToken deadline)
    {
        var output = new StringBuilder();
        try
        {
            while (await redis.StandardOutput.ReadLineAsync(deadline) is { } line)
            {
                output.AppendLine(line);
                if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"redis-server was not ready within {StartDeadline}:\n{output}");
        }

        throw new InvalidOperationException(
            $"redis-server exited before it was ready:\n{output}{await redis.StandardError.ReadToEndAsync(CancellationToken.None)}");
    }

    /// <summary>One real round trip, so "ready" means it answers, not just that it logged.</summary>
    private static async Task PingAsync(int port, CancellationToken deadline)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, deadline);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray(), deadline);
        var buffer = new byte[16];
        var read = await stream.ReadAsync(buffer, deadline);
        var reply = Encoding.ASCII.GetString(buffer, 0, read);
        if (!reply.StartsWith("+PONG", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"redis-server answered PING with '{reply}'");
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
