using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static TemporalBridge.Tests.Sandbox.WhatsApp.WhatsAppEmulatorApplication;

namespace TemporalBridge.Tests.Sandbox.WhatsApp;

/// <summary>Status webhooks for the business's messages: automatic after a send, planned out of order, or on demand.</summary>
public sealed class WhatsAppStatusWebhookTests
{
    private const string WaId = "15551234567";

    [Fact]
    public async Task ASendIsFollowedBySentAtOnceAndDeliveredAfterTheDelay()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);
        await UserWritesAsync(http, WaId);
        await receiver.WaitForCountAsync(1);

        var wamid = await SendTextAsync(http);
        var sent = (await receiver.WaitForCountAsync(2))[1];
        var sentAt = emulator.Clock.GetUtcNow();
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(StatusDelayMs));
        var delivered = (await receiver.WaitForCountAsync(3))[2];

        receiver.Received.Should().HaveCount(3, "delivered waits for the delay, nothing else follows");
        sent.IsSignedWith(AppSecret).Should().BeTrue();
        var status = sent.Value["statuses"]![0]!;
        status["id"]!.GetValue<string>().Should().Be(wamid);
        status["status"]!.GetValue<string>().Should().Be("sent");
        status["recipient_id"]!.GetValue<string>().Should().Be(WaId);
        status["timestamp"]!.GetValue<string>().Should().Be(sentAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        status["conversation"]!["id"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        status["pricing"]!["category"]!.GetValue<string>().Should().Be("service");
        status["recipient_user_id"].Should().BeNull("Meta names the user id only of a message sent to one");
        sent.Value["messages"].Should().BeNull();
        // Meta's 2026 business-scoped user ids page: sent, delivered and read name the recipient in contacts.
        sent.Value["contacts"]![0]!["wa_id"]!.GetValue<string>().Should().Be(WaId);
        var next = delivered.Value["statuses"]![0]!;
        next["status"]!.GetValue<string>().Should().Be("delivered");
        next["pricing"].Should().NotBeNull("pricing comes with sent and with the first of delivered or read");
        long.Parse(next["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .Should().Be(sentAt.AddMilliseconds(StatusDelayMs).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task APlanSendsReadBeforeDeliveredForTheNextSendOnly()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver).WithSetting("WhatsAppEmulator:StatusDelayMs", "0");
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);
        await UserWritesAsync(http, WaId);
        (await http.PostAsJsonAsync($"{Control}/status-plans", new { statuses = new[] { "read", "delivered" }, count = 1 })).EnsureSuccessStatusCode();

        await SendTextAsync(http);
        await SendTextAsync(http);
        var webhooks = await receiver.WaitForCountAsync(5);

        webhooks.Skip(1).Select(Status).Should().Equal("read", "delivered", "sent", "delivered");
    }

    [Fact]
    public async Task APlanCanDuplicateOrSkipStatuses()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver).WithSetting("WhatsAppEmulator:StatusDelayMs", "0");
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);
        await UserWritesAsync(http, WaId);
        (await http.PostAsJsonAsync($"{Control}/status-plans", new { statuses = new[] { "sent", "sent" }, count = 1 })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"{Control}/status-plans", new { statuses = new[] { "sent" }, count = 1 })).EnsureSuccessStatusCode();

        var first = await SendTextAsync(http);
        var second = await SendTextAsync(http);
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        var webhooks = await receiver.WaitForCountAsync(4);

        webhooks.Skip(1).Select(w => (Id(w), Status(w))).Should().Equal((first, "sent"), (first, "sent"), (second, "sent"));
        var sent = await ControlGetAsync(http, "sent");
        sent[1]!["statuses"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal("sent");
    }

    [Fact]
    public async Task TheControlApiSendsReadWhenTheUserReadsIt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);
        await UserWritesAsync(http, WaId);
        var wamid = await SendTextAsync(http);
        await receiver.WaitForCountAsync(2);

        var answer = await http.PostAsJsonAsync($"{Control}/statuses", new { wamid, status = "read" });
        var read = (await receiver.WaitForCountAsync(3))[2];

        answer.IsSuccessStatusCode.Should().BeTrue();
        var status = read.Value["statuses"]![0]!;
        status["id"]!.GetValue<string>().Should().Be(wamid);
        status["status"]!.GetValue<string>().Should().Be("read");
        status["recipient_id"]!.GetValue<string>().Should().Be(WaId);
        status["pricing"].Should().BeNull("Meta prices sent and delivered only");
    }

    [Fact]
    public async Task AFailureOnDemandCarriesItsError()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);
        await UserWritesAsync(http, WaId);
        var wamid = await SendTextAsync(http);
        await receiver.WaitForCountAsync(2);

        await http.PostAsJsonAsync($"{Control}/statuses", new { wamid, status = "failed", error_code = 131026 });
        var failed = (await receiver.WaitForCountAsync(3))[2].Value["statuses"]![0]!;

        failed["status"]!.GetValue<string>().Should().Be("failed");
        var error = failed["errors"]![0]!;
        error["code"]!.GetValue<int>().Should().Be(131026);
        error["title"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        error["error_data"]!["details"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task AStatusForAWamidTheEmulatorNeverIssuedNeedsARecipient()
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        using var http = emulator.CreateHttp();

        var response = await http.PostAsJsonAsync($"{Control}/statuses", new { wamid = "wamid.elsewhere=", status = "delivered" });

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!["wamid"].Should().NotBeNull();
    }

    private static string Status(ReceivedWebhook webhook) => webhook.Value["statuses"]![0]!["status"]!.GetValue<string>();

    private static string Id(ReceivedWebhook webhook) => webhook.Value["statuses"]![0]!["id"]!.GetValue<string>();

    private static async Task<string> SendTextAsync(HttpClient http)
    {
        var response = await GraphSendAsync(http, new { messaging_product = "whatsapp", to = WaId, type = "text", text = new { body = "ok" } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["messages"]![0]!["id"]!.GetValue<string>();
    }
}
