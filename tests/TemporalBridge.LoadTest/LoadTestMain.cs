using System.Diagnostics;
using System.Globalization;
using System.Text;
using TemporalBridge.Providers.Messenger;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Providers.WhatsApp;
using TemporalBridge.Providers.WhatsApp.Webhooks;
using TemporalBridge.Testing.Redis;

namespace TemporalBridge.LoadTest;

/// <summary>
/// Meta webhooks at a fixed rate against the real bridge over loopback HTTP, open loop: each request has its time
/// in the schedule and is sent then whether or not earlier ones have been answered, and its latency counts from that
/// scheduled time, so a stall shows in the numbers (no coordinated omission). Two mixes: <c>messages</c>, one client
/// message per webhook; <c>statuses</c>, one status per webhook (sent, delivered, read of staff messages the bridge
/// sent, in that order), the webhook Meta sends three times per staff message; <c>messenger</c>, one client message
/// per Page webhook of Messenger.
/// Usage: <c>dotnet run -c Release --project tests/TemporalBridge.LoadTest -- [--mix messages|statuses|messenger] [--rate 500]
/// [--seconds 20] [--warmup 5] [--users 100] [--logs info|warning] [--log-file path]</c>.
/// Not a class with top-level statements: the bridge's own <c>Program</c> is referenced, and the factory needs it.
/// </summary>
internal static class LoadTestMain
{
    private const string PhoneNumberId = "106540352242922";

    public static async Task<int> Main(string[] args)
    {
        var options = LoadOptions.Parse(args);
        var report = Console.Out;
        report.WriteLine($"Starting redis-server and the bridge (API role); the bridge's log goes to {options.LogFile}");

        // The bridge logs to the console as in production: that cost stays in, but its lines go to a file.
        await using var log = new StreamWriter(options.LogFile, append: false, new UTF8Encoding(false));
        Console.SetOut(log);

        var redis = new RedisServer();
        await redis.InitializeAsync();
        try
        {
            await using var bridge = new BridgeServer(redis.ConnectionString, options.LogInformation);
            await bridge.StartAsync(PhoneNumberId);
            using var client = new HttpClient(new SocketsHttpHandler
            {
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                MaxConnectionsPerServer = int.MaxValue,
            })
            {
                BaseAddress = bridge.Address,
                Timeout = TimeSpan.FromSeconds(30),
            };

            report.WriteLine($"Bridge at {bridge.Address}; {options.Mix} at {options.Rate}/s for {options.Warmup} s of warm-up, then "
                + $"{options.Seconds} s measured; {options.Users} users of one number (or Page)");
            var mix = options.Mix == LoadMix.Statuses ? await StatusMix.SeedAsync(bridge, options) : null;
            var path = options.Mix == LoadMix.Messenger ? MessengerWebhookApi.Path : WhatsAppWebhookApi.Path;
            var warmup = Build(options, options.Rate * options.Warmup, first: 0, mix);
            await Schedule.RunAsync(client, path, warmup, options.Rate);

            var measured = Build(options, options.Rate * options.Seconds, first: warmup.Count, mix);
            var before = bridge.Temporal.Snapshot();
            var cost = ProcessCost.Now();
            var result = await Schedule.RunAsync(client, path, measured, options.Rate);
            var spent = ProcessCost.Now() - cost;
            var handedOver = bridge.Temporal.Snapshot() - before;

            result.Print(report, options.Rate, spent, handedOver);
            // A message is a signal-with-start; a status becomes at most one signal (none when it changes nothing).
            var backed = options.Mix == LoadMix.Statuses ? handedOver.Signals <= result.Ok : handedOver.Starts == result.Ok;
            return result.Errors == 0 && backed ? 0 : 1;
        }
        finally
        {
            await redis.DisposeAsync();
            Console.SetOut(report);
        }
    }

    private static List<(byte[] Body, string Signature)> Build(LoadOptions options, int count, int first, StatusMix? mix) =>
        options.Mix switch
        {
            LoadMix.Statuses => mix!.Build(count, first),
            LoadMix.Messenger => PageMix.Build(count, options.Users, firstMessage: first),
            _ => Schedule.Build(count, options.Users, PhoneNumberId, firstMessage: first),
        };
}

internal enum LoadMix
{
    Messages,
    Statuses,
    Messenger,
}

internal sealed record LoadOptions(LoadMix Mix, int Rate, int Seconds, int Warmup, int Users, bool LogInformation, string LogFile)
{
    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected --name value pairs, got '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        int Number(string name, int fallback) =>
            values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

        var logs = values.GetValueOrDefault("logs", "info");
        if (logs is not ("info" or "warning"))
        {
            throw new ArgumentException("--logs is info (as configured in appsettings.json) or warning (request lines off)");
        }

        var mix = values.GetValueOrDefault("mix", "messages") switch
        {
            "messages" => LoadMix.Messages,
            "statuses" => LoadMix.Statuses,
            "messenger" => LoadMix.Messenger,
            _ => throw new ArgumentException("--mix is messages (client messages), statuses (statuses of sent staff messages) or messenger (Messenger client messages)"),
        };

        return new LoadOptions(
            mix,
            Number("rate", 500),
            Number("seconds", 20),
            Number("warmup", 5),
            Number("users", 100),
            logs == "info",
            values.GetValueOrDefault("log-file", Path.Combine(Path.GetTempPath(), "temporalbridge-loadtest.log")));
    }
}

/// <summary>CPU time and allocations of this whole process (client, bridge, Redis client; not redis-server).</summary>
internal readonly record struct ProcessCost(TimeSpan Cpu, long Allocated, int Gen0, int Gen1, int Gen2)
{
    public static ProcessCost Now()
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessCost(process.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true),
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
    }

    public static ProcessCost operator -(ProcessCost after, ProcessCost before) =>
        new(after.Cpu - before.Cpu, after.Allocated - before.Allocated,
            after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2);
}

/// <summary>The requests of one run, built and signed before it starts so the client's own cost stays small.</summary>
internal static class Schedule
{
    public static List<(byte[] Body, string Signature)> Build(int count, int users, string phoneNumberId, int firstMessage)
    {
        var requests = new List<(byte[], string)>(count);
        for (var i = 0; i < count; i++)
        {
            var message = firstMessage + i;
            var waId = string.Create(CultureInfo.InvariantCulture, $"1650555{message % users:D4}");
            var id = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFE" + Convert.ToBase64String(BitConverter.GetBytes((long)message)).TrimEnd('=');
            var body = Encoding.UTF8.GetBytes(
                $$$"""{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{phoneNumberId}}}"},"contacts":[{"profile":{"name":"Customer {{{message % users}}}"},"wa_id":"{{{waId}}}"}],"messages":[{"from":"{{{waId}}}","id":"{{{id}}}","timestamp":"1739321024","type":"text","text":{"body":"Hi, is Tuesday at 10:30 still free for a haircut? Message {{{message}}}."}}]}}]}]}""");
            requests.Add((body, WebhookSignature.Sign(body, BridgeServer.AppSecret)));
        }

        return requests;
    }

    /// <summary>
    /// Sends request i at start + i / rate. The scheduler waits on a 1 ms ticker rather than spinning (a spinning
    /// client would take one of the machine's two cores from the bridge), so a send may leave up to ~1 ms late: that
    /// lateness is in the latency, which counts from the scheduled time; the service time counts from the actual send.
    /// </summary>
    public static async Task<RunResult> RunAsync(HttpClient client, string path, List<(byte[] Body, string Signature)> requests, int rate)
    {
        var count = requests.Count;
        var scheduled = new long[count];
        var sent = new long[count];
        var done = new long[count];
        var status = new int[count];
        var tasks = new Task[count];
        using var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(1));
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)((double)i * Stopwatch.Frequency / rate);
            while (Stopwatch.GetTimestamp() < due)
            {
                await ticker.WaitForNextTickAsync();
            }

            scheduled[i] = due;
            tasks[i] = SendAsync(client, path, requests[i], i, sent, done, status);
        }

        var lastSent = Stopwatch.GetTimestamp();
        await Task.WhenAll(tasks);
        return new RunResult(start, lastSent, scheduled, sent, done, status);
    }

    private static async Task SendAsync(HttpClient client, string path, (byte[] Body, string Signature) request, int i, long[] sent, long[] done, int[] status)
    {
        sent[i] = Stopwatch.GetTimestamp();
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new ByteArrayContent(request.Body) { Headers = { { "Content-Type", "application/json" } } },
            };
            message.Headers.Add(WebhookSignature.Header, request.Signature);
            using var response = await client.SendAsync(message);
            status[i] = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            status[i] = -1;
        }
        catch (TaskCanceledException)
        {
            status[i] = -2;
        }

        done[i] = Stopwatch.GetTimestamp();
    }
}

internal sealed class RunResult(long start, long lastSent, long[] scheduled, long[] sent, long[] done, int[] status)
{
    public int Ok => status.Count(s => s == 200);

    public int Errors => status.Length - Ok;

    public void Print(TextWriter report, int rate, ProcessCost cost, HandedOver handedOver)
    {
        var count = status.Length;
        var latency = Milliseconds(scheduled, done);
        var service = Milliseconds(sent, done);
        var sendWindow = Seconds(lastSent - start);
        var lastDone = done.Max();
        var sendLag = Milliseconds(scheduled, sent);

        report.WriteLine();
        report.WriteLine($"requests: {count}, 200: {Ok}, errors: {Errors}{Breakdown()}; handed to Temporal: {handedOver.Starts} signal-with-starts, {handedOver.Signals} signals");
        report.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"offered {rate}/s; achieved send rate {count / sendWindow:F1}/s, completion rate {count / Seconds(lastDone - start):F1}/s"));
        report.WriteLine(Percentiles("latency from schedule (ms)", latency));
        report.WriteLine(Percentiles("service time from send (ms)", service));
        report.WriteLine(Percentiles("client send lag (ms)", sendLag));
        report.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"process (client + bridge): CPU {cost.Cpu.TotalMilliseconds / count:F3} ms/request ({cost.Cpu.TotalSeconds / Seconds(lastDone - start) * 100:F0}% of one core), "
            + $"allocated {cost.Allocated / count / 1024.0:F1} KB/request, GCs gen0 {cost.Gen0} gen1 {cost.Gen1} gen2 {cost.Gen2}"));
    }

    private string Breakdown()
    {
        var failed = status.Where(s => s != 200).GroupBy(s => s).Select(g => $"{(g.Key < 0 ? g.Key == -1 ? "connection" : "timeout" : g.Key.ToString(CultureInfo.InvariantCulture))}: {g.Count()}");
        var text = string.Join(", ", failed);
        return text.Length == 0 ? "" : $" ({text})";
    }

    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;

    private static double[] Milliseconds(long[] from, long[] to)
    {
        var values = new double[from.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Seconds(to[i] - from[i]) * 1000;
        }

        Array.Sort(values);
        return values;
    }

    private static string Percentiles(string name, double[] sorted)
    {
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"{name,-30} median {At(0.5),7:F2}  p90 {At(0.9),7:F2}  p99 {At(0.99),7:F2}  p99.9 {At(0.999),7:F2}  max {sorted[^1],7:F2}");
    }
}
