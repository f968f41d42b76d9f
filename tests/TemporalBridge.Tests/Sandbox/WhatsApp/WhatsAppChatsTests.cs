using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static TemporalBridge.Tests.Sandbox.WhatsApp.WhatsAppEmulatorApplication;

namespace TemporalBridge.Tests.Sandbox.WhatsApp;

/// <summary>A simulated user's chat as the sandbox's page shows it: both sides' messages, ticks, reads and typing.</summary>
public sealed class WhatsAppChatsTests
{
    private const string WaId = "15551234567";

    private static async Task<JsonNode> ChatAsync(HttpClient http) => await ControlGetAsync(http, $"chats/{WaId}");

    private static object Typing(string wamid) => new { messaging_product = "whatsapp", status = "read", message_id = wamid, typing_indicator = new { type = "text" } };

    [Fact]
    public async Task BothSidesAppearInOrderWithOneLineEachAndTheBusinesssStatuses()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId, "Ada Lovelace");
        await UserSendsAsync(http, new { from = WaId, type = "text", text = new { body = "Is Tuesday free?" } });
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        await UserSendsAsync(http, new { from = WaId, type = "location", location = new { latitude = 51.5, longitude = -0.1, name = "Bakery" } });
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        (await GraphSendAsync(http, new { messaging_product = "whatsapp", to = WaId, type = "text", text = new { body = "Yes, 10:00" } })).EnsureSuccessStatusCode();
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(StatusDelayMs));
        await receiver.WaitForCountAsync(4);

        var chat = await ChatAsync(http);

        chat["name"]!.GetValue<string>().Should().Be("Ada Lovelace");
        chat["messages"]!.AsArray().Select(m => (m!["from"]!.GetValue<string>(), m["preview"]!.GetValue<string>()))
            .Should().Equal(("user", "Is Tuesday free?"), ("user", "Location: Bakery"), ("business", "Yes, 10:00"));
        chat["messages"]![2]!["statuses"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal("sent", "delivered");
        chat["messages"]![0]!["read_by_business"]!.GetValue<bool>().Should().BeFalse();
        chat["staff_typing"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task AReadReceiptBluesTheMessageItNamesAndEveryEarlierOneButNotALaterOne()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);
        await UserWritesAsync(http, WaId);
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await UserWritesAsync(http, WaId);
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        await UserWritesAsync(http, WaId);

        (await GraphSendAsync(http, new { messaging_product = "whatsapp", status = "read", message_id = second })).EnsureSuccessStatusCode();
        var chat = await ChatAsync(http);

        chat["messages"]!.AsArray().Select(m => m!["read_by_business"]!.GetValue<bool>()).Should().Equal(true, true, false);
    }

    [Fact]
    public async Task StaffTypingShowsForTwentyFiveSecondsOrUntilTheBusinessWritesAndReadsWhatItAnswers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);
        var wamid = await UserWritesAsync(http, WaId);

        (await GraphSendAsync(http, Typing(wamid))).EnsureSuccessStatusCode();
        var typing = await ChatAsync(http);
        emulator.Clock.Advance(TimeSpan.FromSeconds(24));
        var stillTyping = await ChatAsync(http);
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        var stopped = await ChatAsync(http);
        (await GraphSendAsync(http, Typing(wamid))).EnsureSuccessStatusCode();
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        (await GraphSendAsync(http, new { messaging_product = "whatsapp", to = WaId, type = "text", text = new { body = "Here" } })).EnsureSuccessStatusCode();
        var answered = await ChatAsync(http);

        typing["staff_typing"]!.GetValue<bool>().Should().BeTrue();
        typing["staff_typing_until"]!.GetValue<DateTimeOffset>().Should().Be(stillTyping["staff_typing_until"]!.GetValue<DateTimeOffset>());
        stopped["staff_typing_until"].Should().BeNull();
        typing["messages"]![0]!["read_by_business"]!.GetValue<bool>().Should().BeTrue("a typing indicator is sent as a read receipt");
        stillTyping["staff_typing"]!.GetValue<bool>().Should().BeTrue();
        stopped["staff_typing"]!.GetValue<bool>().Should().BeFalse("Meta shows it for 25 seconds");
        answered["staff_typing"]!.GetValue<bool>().Should().BeFalse("the business's message ends it");
    }

    [Fact]
    public async Task OnlyAReceiptGraphAcceptedBluesMessagesTheLatestReachingFurthestAndNeverTheBusinesssOwn()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);
        var first = await UserWritesAsync(http, WaId);
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        (await GraphSendAsync(http, new { messaging_product = "whatsapp", to = WaId, type = "text", text = new { body = "Yes" } })).EnsureSuccessStatusCode();
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await UserWritesAsync(http, WaId);
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        var third = await UserWritesAsync(http, WaId);
        (await GraphSendAsync(http, new { messaging_product = "whatsapp", status = "read", message_id = second })).EnsureSuccessStatusCode();
        (await GraphSendAsync(http, new { messaging_product = "whatsapp", status = "read", message_id = first })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"{Control}/faults", new { code = 131000, operation = "read" })).EnsureSuccessStatusCode();
        (await GraphSendAsync(http, new { messaging_product = "whatsapp", status = "read", message_id = third })).IsSuccessStatusCode.Should().BeFalse();

        var chat = await ChatAsync(http);

        chat["messages"]!.AsArray().Select(m => (m!["from"]!.GetValue<string>(), m["read_by_business"]!.GetValue<bool>()))
            .Should().Equal(("user", true), ("business", false), ("user", true), ("user", false));
    }

    [Fact]
    public async Task TypingShowsUntilTwentyFiveSecondsAfterTheIndicatorAndABusinessMessageAtThatInstantEndsIt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);
        var wamid = await UserWritesAsync(http, WaId);
        var sent = emulator.Clock.GetUtcNow();

        (await GraphSendAsync(http, Typing(wamid))).EnsureSuccessStatusCode();
        var until = (await ChatAsync(http))["staff_typing_until"]!.GetValue<DateTimeOffset>();
        (await GraphSendAsync(http, new { messaging_product = "whatsapp", to = WaId, type = "text", text = new { body = "Here" } })).EnsureSuccessStatusCode();
        var answered = await ChatAsync(http);

        until.Should().Be(sent.AddSeconds(25));
        answered["staff_typing"]!.GetValue<bool>().Should().BeFalse("the business's message at the same instant ends it");
    }

    [Fact]
    public async Task AReplyNamesItsMessageAndTheLastReactionShowsOnTheMessageItReactsTo()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, WaId);
        var question = await UserWritesAsync(http, WaId);
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        var answer = (await (await GraphSendAsync(http, new { messaging_product = "whatsapp", to = WaId, type = "text", text = new { body = "Yes" } }))
            .Content.ReadFromJsonAsync<JsonNode>())!["messages"]![0]!["id"]!.GetValue<string>();
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        await UserSendsAsync(http, new { from = WaId, type = "text", text = new { body = "Great" }, context = new { id = answer } });
        await UserSendsAsync(http, new { from = WaId, type = "reaction", reaction = new { message_id = answer, emoji = "👍" } });
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        await UserSendsAsync(http, new { from = WaId, type = "reaction", reaction = new { message_id = answer, emoji = "❤️" } });
        await UserSendsAsync(http, new { from = WaId, type = "reaction", reaction = new { message_id = question, emoji = "👍" } });
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        await UserSendsAsync(http, new { from = WaId, type = "reaction", reaction = new { message_id = question, emoji = "" } });

        var chat = await ChatAsync(http);

        chat["messages"]!.AsArray().Select(m => (m!["preview"]!.GetValue<string>(), m["reply_to"]?.GetValue<string>(), m["reaction"]?.GetValue<string>()))
            .Should().Equal(("hi", null, null), ("Yes", null, "❤️"), ("Great", answer, null));
    }

    [Fact]
    public async Task AnUnknownUserIsA404NamingIt()
    {
        await using var emulator = new WhatsAppEmulatorApplication();
        using var http = emulator.CreateHttp();

        var response = await http.GetAsync($"{Control}/chats/15550000000");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        problem["title"]!.GetValue<string>().Should().Be("No such user");
        problem["detail"]!.GetValue<string>().Should().Contain("no simulated user '15550000000'");
    }
}
