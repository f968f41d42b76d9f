using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TemporalBridge.Tests.Sandbox;

/// <summary>One call the emulator made to the app. <see cref="Path"/> is the raw request target: path and query, as escaped by the sender.</summary>
public sealed record ReceivedCall(string Method, string Path, string? Authorization, string Body);

/// <summary>
/// Stands for the bridge: a real HTTP server on a free loopback port that records every call the vcita emulator
/// makes to it and answers 204, or the statuses queued with <see cref="AnswerNext"/>.
/// </summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly List<ReceivedCall> calls = [];
    private readonly Queue<int> answers = new();
    private TaskCompletionSource changed = NewSignal();

    private CallbackReceiver(WebApplication app) => this.app = app;

    /// <summary>The receiver's root, e.g. http://127.0.0.1:41234; the emulator's default app calls {BaseUrl}/vcita/….</summary>
    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<ReceivedCall> Calls
    {
        get
        {
            lock (gate)
            {
                return [.. calls];
            }
        }
    }

    public static async Task<CallbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var receiver = new CallbackReceiver(builder.Build());
        receiver.app.Run(receiver.RecordAsync);
        await receiver.app.StartAsync();
        receiver.BaseUrl = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single().TrimEnd('/');
        return receiver;
    }

    /// <summary>The next calls are answered with these statuses, in order; after them, 204 again.</summary>
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

    /// <summary>Waits until the calls received satisfy <paramref name="condition"/>; fails after the deadline.</summary>
    public async Task<IReadOnlyList<ReceivedCall>> WaitForAsync(Func<IReadOnlyList<ReceivedCall>, bool> condition, TimeSpan? deadline = null)
    {
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task signal;
            lock (gate)
            {
                if (condition(calls))
                {
                    return [.. calls];
                }

                signal = changed.Task;
            }

            try
            {
                await signal.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The receiver did not get the expected calls; it got: {string.Join("; ", Calls)}");
            }
        }
    }

    public Task<IReadOnlyList<ReceivedCall>> WaitForCountAsync(int count) => WaitForAsync(c => c.Count >= count);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        int status;
        TaskCompletionSource signal;
        lock (gate)
        {
            calls.Add(new ReceivedCall(
                context.Request.Method, RawTarget(context), context.Request.Headers.Authorization.ToString(), body));
            status = answers.TryDequeue(out var next) ? next : StatusCodes.Status204NoContent;
            signal = changed;
            changed = NewSignal();
        }

        context.Response.StatusCode = status;
        signal.TrySetResult();
    }

    /// <summary>The path and query as sent, still escaped (Request.Path would decode %3D to =).</summary>
    private static string RawTarget(HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
