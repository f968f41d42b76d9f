using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TemporalBridge.Testing;

namespace TemporalBridge.Tests.Sandbox.WhatsApp;

/// <summary>One webhook POST as the bridge would receive it: the path, the signature header and the exact body bytes.</summary>
public sealed record ReceivedWebhook(string Path, string? Signature, string? ContentType, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public JsonNode Json => JsonNode.Parse(Body)!;

    /// <summary>The first change's value: where a single-update webhook keeps everything.</summary>
    public JsonNode Value => Json["entry"]![0]!["changes"]![0]!["value"]!;

    /// <summary>
    /// Whether the signature is <c>sha256=</c> + the lowercase hex HMAC-SHA256 of the raw bytes with
    /// <paramref name="appSecret"/> — computed here independently of the emulator's code.
    /// </summary>
    public bool IsSignedWith(string appSecret)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(appSecret));
        var expected = "sha256=" + string.Concat(hmac.ComputeHash(Body).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        return Signature == expected;
    }
}

/// <summary>
/// Stands for the bridge's WhatsApp webhook: a real HTTP server on a free loopback port that records every POST and
/// answers 200, or the statuses queued with <see cref="AnswerNext"/>.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly List<ReceivedWebhook> received = [];
    private readonly Queue<int> answers = new();
    private TaskCompletionSource changed = NewSignal();

    private WebhookReceiver(WebApplication app, string baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The receiver's root, e.g. http://127.0.0.1:41234 (the emulator's Sandbox:BridgeBaseUrl).</summary>
    public string BaseUrl { get; }

    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (gate)
            {
                return [.. received];
            }
        }
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build(), $"http://127.0.0.1:{port}");
        receiver.app.Run(receiver.RecordAsync);
        await receiver.app.StartAsync();
        return receiver;
    }

    /// <summary>The next POSTs are answered with these statuses, in order; after them, 200 again.</summary>
    public void AnswerNext(params int[] statuses)
    {
        lock (gate)
        {
            foreach (var status in statuses)
            {
                answers.Enqueue(status);
            }
        }
    }

    /// <summary>Waits until the webhooks received satisfy <paramref name="condition"/>; fails after the deadline.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition, TimeSpan? deadline = null)
    {
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task signal;
            lock (gate)
            {
                if (condition(received))
                {
                    return [.. received];
                }

                signal = changed.Task;
            }

            try
            {
                await signal.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The receiver did not get the expected webhooks; it got {Received.Count}: {string.Join(" | ", Received.Select(r => r.Text))}");
            }
        }
    }

    public Task<IReadOnlyList<ReceivedWebhook>> WaitForCountAsync(int count) => WaitForAsync(r => r.Count >= count);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task RecordAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var signature = context.Request.Headers.TryGetValue("X-Hub-Signature-256", out var value) ? value.ToString() : null;
        int status;
        TaskCompletionSource signal;
        lock (gate)
        {
            received.Add(new ReceivedWebhook(context.Request.Path, signature, context.Request.ContentType, buffer.ToArray()));
            status = answers.TryDequeue(out var next) ? next : StatusCodes.Status200OK;
            signal = changed;
            changed = NewSignal();
        }

        context.Response.StatusCode = status;
        signal.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
