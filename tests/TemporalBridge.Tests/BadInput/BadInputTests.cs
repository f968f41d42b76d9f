using System.Text.Json;

namespace TemporalBridge.Tests.BadInput;

/// <summary>
/// The bad-input table, row by row, as real request bytes through the whole HTTP pipeline: each row gets its status
/// and a ProblemDetails naming its field, hears none of its secrets back, and changes nothing in Redis or Temporal.
/// </summary>
public sealed class BadInputTests(BadInputHost host) : IClassFixture<BadInputHost>
{
    public static TheoryData<string> Cases => new(BadInputTable.Rows.Select(r => r.Id));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInputIsRefusedNamingTheFieldAndChangesNothing(string id)
    {
        var row = BadInputTable.Rows.Single(r => r.Id == id);
        var before = await host.SnapshotAsync();

        using var request = row.ToRequest();
        using var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        ((int)response.StatusCode).Should().Be(row.Status, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", text);
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be(row.Status, text);
        if (row.Field is { } field)
        {
            Named(problem).Should().Equal([field], text);
        }

        foreach (var secret in BadInputHost.Secrets.Concat(row.Sensitive()).Where(s => s.Length >= 8))
        {
            text.Should().NotContain(secret, "an answer must not echo secrets, tokens or message text");
        }

        var after = await host.SnapshotAsync();
        after.DatabaseSize.Should().Be(before.DatabaseSize);
        after.Keys.Should().Equal(before.Keys);
        after.Workflows.Should().Equal(before.Workflows);
    }

    /// <summary>The check of "nothing changed" is only worth something if it sees a change: good requests make one.</summary>
    [Fact]
    public async Task TheSnapshotSeesWhatAGoodRequestChanges()
    {
        var before = await host.SnapshotAsync();

        using var start = await host.Client.GetAsync("/oauth/vcita/start");
        using var connect = new HttpRequestMessage(HttpMethod.Post, "/admin/channels")
        {
            Content = new StringContent(
                """{"business_uid":"bizuid0000000003","provider":"whatsapp","phone_number_id":"3333333333","display_number":"+1 555 333 3333"}""",
                System.Text.Encoding.UTF8,
                Rows.Json),
        };
        connect.Headers.Add("X-Api-Key", BadInputHost.AdminKey);
        using var connected = await host.Client.SendAsync(connect);

        start.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        connected.StatusCode.Should().Be(System.Net.HttpStatusCode.Accepted);
        var after = await host.SnapshotAsync();
        after.DatabaseSize.Should().BeGreaterThan(before.DatabaseSize);
        after.Keys.Should().NotEqual(before.Keys);
        after.Workflows.Should().NotEqual(before.Workflows);
    }

    [Fact]
    public void EveryCaseHasItsOwnName() =>
        BadInputTable.Rows.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key).Should().BeEmpty();

    [Fact]
    public async Task TheDocListsEveryCaseOfTheTableAndNoOther()
    {
        var path = Path.Combine(RepositoryFiles.Root, BadInputTable.DocPath);
        if (Environment.GetEnvironmentVariable("BAD_INPUT_WRITE_DOC") == "1")
        {
            await File.WriteAllTextAsync(path, BadInputTable.RenderDoc());
        }

        var documented = BadInputTable.ParseDoc(await File.ReadAllTextAsync(path));
        var expected = BadInputTable.Rows.Select(r => (r.Group, BadInputTable.Line(r))).ToList();

        documented.Except(expected).Should().BeEmpty($"every row of {BadInputTable.DocPath} must be a case of the test data");
        expected.Except(documented).Should().BeEmpty($"every case of the test data must be a row of {BadInputTable.DocPath}");
        documented.Should().OnlyHaveUniqueItems();
    }

    /// <summary>The fields the problem names: the keys of its <c>errors</c>, or its <c>field</c> extension.</summary>
    private static List<string> Named(JsonElement problem)
    {
        var names = new List<string>();
        if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var error in errors.EnumerateObject())
            {
                error.Value[0].GetString().Should().NotBeNullOrWhiteSpace();
                names.Add(error.Name);
            }
        }

        if (problem.TryGetProperty("field", out var field) && field.ValueKind == JsonValueKind.String)
        {
            names.Add(field.GetString()!);
        }

        return names;
    }
}
