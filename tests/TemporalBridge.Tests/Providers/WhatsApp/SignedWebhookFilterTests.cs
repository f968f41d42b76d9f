using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TemporalBridge.Providers.Meta;
using TemporalBridge.Providers.WhatsApp;
using TemporalBridge.Providers.WhatsApp.Webhooks;

namespace TemporalBridge.Tests.Providers.WhatsApp;

/// <summary>
/// The filter on its own, for what the in-memory test server cannot show: a body that announces no length (chunked)
/// must be limited while it is read.
/// </summary>
public sealed class SignedWebhookFilterTests
{
    private const string AppSecret = "test-whatsapp-app-secret";

    [Fact]
    public async Task ABodyWithoutContentLengthIsLimitedWhileReading()
    {
        var (result, reachedHandler) = await RunAsync(new string(' ', SignedWebhookFilter<WebhookBatch>.MaxBodyBytes + 1), contentLength: null);

        result.Should().BeOfType<ProblemHttpResult>().Which.StatusCode.Should().Be(StatusCodes.Status413PayloadTooLarge);
        reachedHandler.Should().BeFalse();
    }

    [Fact]
    public async Task AContentLengthOverTheLimitIsRefusedBeforeReading()
    {
        var (result, reachedHandler) = await RunAsync(WebhookPayloads.SingleText(), contentLength: SignedWebhookFilter<WebhookBatch>.MaxBodyBytes + 1L);

        result.Should().BeOfType<ProblemHttpResult>().Which.StatusCode.Should().Be(StatusCodes.Status413PayloadTooLarge);
        reachedHandler.Should().BeFalse();
    }

    [Fact]
    public async Task ASignedBodyWithoutContentLengthReachesTheHandlerParsed()
    {
        var (result, reachedHandler) = await RunAsync(WebhookPayloads.SingleText(), contentLength: null);

        result.Should().Be("handled");
        reachedHandler.Should().BeTrue();
    }

    private static async Task<(object? Result, bool ReachedHandler)> RunAsync(string body, long? contentLength)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var http = new DefaultHttpContext();
        http.Request.Method = HttpMethods.Post;
        http.Request.Body = new MemoryStream(bytes);
        http.Request.ContentLength = contentLength;
        http.Request.Headers[WebhookSignature.Header] = WebhookSignature.Sign(bytes, AppSecret);
        var webhook = new SignedWebhook<WebhookBatch>();
        var filter = new SignedWebhookFilter<WebhookBatch>(
            new WhatsAppWebhookReader(Options.Create(new WhatsAppOptions { AppSecret = AppSecret })), NullLogger<SignedWebhookFilter<WebhookBatch>>.Instance);
        var reachedHandler = false;

        var result = await filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(http, webhook), _ =>
        {
            reachedHandler = true;
            webhook.Batch.Events.Should().ContainSingle();
            return ValueTask.FromResult<object?>("handled");
        });

        return (result, reachedHandler);
    }
}
