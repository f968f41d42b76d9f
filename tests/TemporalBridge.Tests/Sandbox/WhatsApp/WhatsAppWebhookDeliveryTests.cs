using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static TemporalBridge.Tests.Sandbox.WhatsApp.WhatsAppEmulatorApplication;

namespace TemporalBridge.Tests.Sandbox.WhatsApp;

/// <summary>How webhooks reach the bridge: batched, duplicated, shuffled, retried, or raw with a chosen signature.</summary>
public sealed class WhatsAppWebhookDeliveryTests
{
    private const string Ada = "15551230001";
    private const string Bob = "15551230002";

    private static object Text(string from, string body, string? phoneNumberId = null) =>
        new { from, type = "text", text = new { body }, phone_number_id = phoneNumberId };

    [Fact]
    public async Task ABatchGroupsMessagesAndStatusesByPhoneNumberInOnePost()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver).WithTwoNumbers();
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, Ada, "Ada");
        await CreateUserAsync(http, Bob, "Bob");

        var response = await http.PostAsJsonAsync($"{Control}/webhooks", new
        {
            messages = new[] { Text(Ada, "one"), Text(Bob, "two", "2222222222"), Text(Ada, "three") },
            statuses = new[] { new { wamid = "wamid.out=", status = "delivered", recipient_id = Bob, phone_number_id = "2222222222" } },
        });
        var answer = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        var webhook = (await receiver.WaitForCountAsync(1)).Single();

        response.IsSuccessStatusCode.Should().BeTrue();
        answer["wamids"]!.AsArray().Should().HaveCount(4);
        answer["posts"]!.AsArray().Should().ContainSingle().Which!["status_code"]!.GetValue<int>().Should().Be(200);
        webhook.IsSignedWith(AppSecret).Should().BeTrue();
        var entry = webhook.Json["entry"]!.AsArray().Should().ContainSingle().Subject!;
        var changes = entry["changes"]!.AsArray();
        changes.Should().HaveCount(2);
        var first = changes[0]!["value"]!;
        first["metadata"]!["phone_number_id"]!.GetValue<string>().Should().Be(PhoneNumberId);
        first["contacts"]!.AsArray().Should().ContainSingle("Ada wrote twice but is one contact");
        first["messages"]!.AsArray().Select(m => m!["text"]!["body"]!.GetValue<string>()).Should().Equal("one", "three");
        first["statuses"].Should().BeNull();
        var second = changes[1]!["value"]!;
        second["metadata"]!["phone_number_id"]!.GetValue<string>().Should().Be("2222222222");
        second["metadata"]!["display_phone_number"]!.GetValue<string>().Should().Be("15550002222");
        second["messages"]![0]!["from"]!.GetValue<string>().Should().Be(Bob);
        second["statuses"]![0]!["id"]!.GetValue<string>().Should().Be("wamid.out=");
        second["statuses"]![0]!["recipient_id"]!.GetValue<string>().Should().Be(Bob);
    }

    [Fact]
    public async Task CopiesSendTheSameBytesSeveralTimes()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, Ada);

        var answer = await UserSendsAsync(http, new { from = Ada, type = "text", text = new { body = "again" }, copies = 3 });
        var webhooks = await receiver.WaitForCountAsync(3);

        webhooks.Should().HaveCount(3);
        webhooks.Select(w => w.Text).Distinct().Should().ContainSingle("a duplicate is the same POST again");
        webhooks.Should().OnlyContain(w => w.IsSignedWith(AppSecret));
        answer["wamids"]!.AsArray().Should().ContainSingle();
        answer["posts"]!.AsArray().Select(p => p!["status_code"]!.GetValue<int>()).Should().Equal(200, 200, 200);
    }

    [Fact]
    public async Task ASeededShuffleSpreadsMessagesOverPostsInTheSameOrderEveryRun()
    {
        var first = await ShuffleAsync(seed: 7);
        var second = await ShuffleAsync(seed: 7);
        var other = await ShuffleAsync(seed: 8);

        first.Should().HaveCount(3, "six messages over three POSTs");
        first.Should().OnlyContain(post => post.Count == 2);
        first.SelectMany(p => p).Should().BeEquivalentTo(["m1", "m2", "m3", "m4", "m5", "m6"]);
        second.Should().BeEquivalentTo(first, o => o.WithStrictOrdering(), "the same seed gives the same order");
        other.SelectMany(p => p).Should().NotEqual(first.SelectMany(p => p), "another seed gives another order");
    }

    [Fact]
    public async Task ARefusedWebhookIsRetriedWithBackoffUntilTheBridgeTakesIt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, Ada);
        receiver.AnswerNext(500, 503);

        var answer = await UserSendsAsync(http, Text(Ada, "retry me"));
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(RetryDelayMs));
        await WaitForAttemptsAsync(http, 2);
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(RetryDelayMs * 2));
        var webhooks = await receiver.WaitForCountAsync(3);

        answer["posts"]![0]!["status_code"]!.GetValue<int>().Should().Be(500, "the control call reports the first answer");
        webhooks.Select(w => w.Text).Distinct().Should().ContainSingle("a retry sends the same bytes");
        var record = await Eventually.WaitAsync(
            () => ControlGetAsync(http, "webhooks"), w => w[0]!["state"]!.GetValue<string>() == "delivered", "the webhook delivered");
        record[0]!["attempts"]!.AsArray().Select(a => a!["status_code"]!.GetValue<int>()).Should().Equal(500, 503, 200);
    }

    [Fact]
    public async Task ARetryWaitsForItsBackoffOnTheEmulatorClock()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, Ada);
        receiver.AnswerNext(500);

        await UserSendsAsync(http, Text(Ada, "wait"));
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(RetryDelayMs - 1));
        await UserSendsAsync(http, Text(Ada, "overtakes"));

        var webhooks = await receiver.WaitForCountAsync(2);
        webhooks.Select(w => w.Value["messages"]![0]!["text"]!["body"]!.GetValue<string>()).Should().Equal("wait", "overtakes");
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(1));
        (await receiver.WaitForCountAsync(3))[2].Value["messages"]![0]!["text"]!["body"]!.GetValue<string>().Should().Be("wait");
    }

    [Theory]
    [InlineData("good", true)]
    [InlineData("bad", false)]
    public async Task ARawBodyIsSentAsGivenWithTheSignatureAsked(string signature, bool valid)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        receiver.AnswerNext(valid ? 200 : 401);
        const string Body = "{\"object\":\"whatsapp_business_account\", \"entry\":[]}";

        var response = await http.PostAsJsonAsync($"{Control}/webhooks/raw", new { body = Body, signature });
        var webhook = (await receiver.WaitForCountAsync(1)).Single();

        webhook.Text.Should().Be(Body, "the bytes are not re-serialised");
        webhook.Signature.Should().MatchRegex("^sha256=[0-9a-f]{64}$");
        webhook.IsSignedWith(AppSecret).Should().Be(valid);
        (await response.Content.ReadFromJsonAsync<JsonNode>())!["status_code"]!.GetValue<int>().Should().Be(valid ? 200 : 401);
    }

    [Fact]
    public async Task ARawBodyWithoutSignatureHasNoHeaderAndIsNotRetried()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        receiver.AnswerNext(401);

        await http.PostAsJsonAsync($"{Control}/webhooks/raw", new { body = "{}", signature = "missing" });
        var webhook = (await receiver.WaitForCountAsync(1)).Single();
        emulator.Clock.Advance(TimeSpan.FromHours(1));

        webhook.Signature.Should().BeNull();
        var record = await ControlGetAsync(http, "webhooks");
        record[0]!["state"]!.GetValue<string>().Should().Be("failed");
        record[0]!["attempts"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task TheAppSecretAndWebhookPathComeFromTheSettings()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver)
            .WithSetting("WhatsAppEmulator:AppSecret", "another-secret")
            .WithSetting("WhatsAppEmulator:WebhookPath", "/hooks/wa");
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, Ada);

        await UserWritesAsync(http, Ada);
        var webhook = (await receiver.WaitForCountAsync(1)).Single();

        webhook.Path.Should().Be("/hooks/wa");
        webhook.IsSignedWith("another-secret").Should().BeTrue();
        webhook.IsSignedWith(AppSecret).Should().BeFalse();
    }

    [Fact]
    public async Task ResetForgetsUsersAndRecords()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, Ada);
        await UserWritesAsync(http, Ada);

        (await http.PostAsync($"{Control}/reset", null)).EnsureSuccessStatusCode();

        (await ControlGetAsync(http, "users")).AsArray().Should().BeEmpty();
        (await ControlGetAsync(http, "webhooks")).AsArray().Should().BeEmpty();
        var again = await http.PostAsJsonAsync($"{Control}/messages", Text(Ada, "hi"));
        again.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
    }

    /// <summary>Waits until the first webhook's attempts are recorded (its next retry is then on the clock).</summary>
    private static Task<JsonNode> WaitForAttemptsAsync(HttpClient http, int attempts) =>
        Eventually.WaitAsync(
            () => ControlGetAsync(http, "webhooks"), w => w[0]!["attempts"]!.AsArray().Count >= attempts, $"{attempts} attempts recorded");

    /// <summary>Six messages from one user over three POSTs, shuffled with <paramref name="seed"/>: the bodies per POST, in arrival order.</summary>
    private static async Task<List<List<string>>> ShuffleAsync(int seed)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = new WhatsAppEmulatorApplication(receiver);
        using var http = emulator.CreateHttp();
        await CreateUserAsync(http, Ada);

        var response = await http.PostAsJsonAsync($"{Control}/webhooks", new
        {
            messages = Enumerable.Range(1, 6).Select(i => Text(Ada, $"m{i}")).ToArray(),
            posts = 3,
            shuffle_seed = seed,
        });
        response.EnsureSuccessStatusCode();
        var webhooks = await receiver.WaitForCountAsync(3);

        return [.. webhooks.Select(w => w.Value["messages"]!.AsArray().Select(m => m!["text"]!["body"]!.GetValue<string>()).ToList())];
    }
}
