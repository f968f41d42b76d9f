using System.Text;

namespace TemporalBridge.Tests.BadInput;

/// <summary>
/// The whole table, and docs/bad-input.md written from it: one line per row, so a test can check that the doc and
/// the rows are the same set.
/// </summary>
internal static class BadInputTable
{
    public static readonly IReadOnlyList<BadInputCase> Rows =
        [.. VcitaCases.All(), .. AdminCases.All(), .. WhatsAppCases.All(), .. MessengerCases.All(), .. OAuthCases.All(), .. ConnectCases.All(), .. MetaAppRemovalCases.All(), .. CodecCases.All()];

    /// <summary>Each group's section in the doc, in order, with what a reader needs to know before its rows.</summary>
    public static readonly IReadOnlyList<(string Group, string Title, string About)> Sections =
    [
        (VcitaCases.Group, "vcita's calls into the bridge (`/vcita`)",
            "Secret as `Authorization: Bearer` or `?token=`, else 401 before the body is read. Then route values and the JSON " +
            "body (at most 64 KiB): every wrong field named in one 400 ValidationProblem; `body` when the body as a whole is wrong."),
        (AdminCases.Group, "Admin API (`/admin`)",
            "`Admin__ApiKey` as `X-Api-Key` or `Authorization: Bearer`, else 401. Query values go into Temporal visibility " +
            "queries, so they are held to the uid alphabet before Temporal is asked."),
        (WhatsAppCases.Group, "WhatsApp webhook (`/webhooks/whatsapp`)",
            "POST: at most 3 MB (413, before the signature), then `X-Hub-Signature-256: sha256=<hex>` over the raw bytes " +
            "(401), then the shape: a 400 naming the JSON path of the first wrong field, and nothing of the batch is handed over. " +
            "GET: Meta's verification handshake (403 without our verify token)."),
        (MessengerCases.Group, "Messenger webhook (`/webhooks/messenger`)",
            "As WhatsApp's, with the Messenger app's secret and verify token: at most 3 MB (413), then " +
            "`X-Hub-Signature-256` over the raw bytes (401; a body signed with the WhatsApp app's secret too), then the " +
            "shape of Meta's Page events: a 400 naming the JSON path of the first wrong field, and nothing is handed over."),
        (OAuthCases.Group, "Connecting a business (`/oauth/vcita/...`)",
            "Public (a browser follows them), so no key: the single-use `state` is checked first and names itself in the 400; " +
            "`/start` checks `provider`."),
        (ConnectCases.Group, "Connect page (`/connect/...`)",
            "A business owner's browser, signed in with vcita: the sealed `tb_connect` cookie (401 naming it), then on every " +
            "change the `X-CSRF-Token` header the page sends (403 naming it), then route values and the JSON body (at most " +
            "64 KiB), each wrong field named. Meta is asked only after all of it."),
        (MetaAppRemovalCases.Group, "Meta's app-removal callbacks (`/meta/...`)",
            "Meta's servers post a form with one `signed_request`, which must be signed (HMAC-SHA256, base64url) with the " +
            "secret of a Meta app of this bridge and say `HMAC-SHA256` and a `user_id`: else 400 naming it, and Temporal is " +
            "not asked. The deletion status page takes only the codes the bridge gives."),
        (CodecCases.Group, "Codec endpoint (`/codec`)",
            "On here with an access token (`Authorization: Bearer`, else 401); the body must be `application/json` (415) of " +
            "Temporal's `{\"payloads\":[…]}`. Temporal's protocol has no field names: its 400s say what the body must be."),
    ];

    public const string DocPath = "docs/bad-input.md";

    /// <summary>The doc's line for one row.</summary>
    public static string Line(BadInputCase row)
    {
        var path = row.Path.Length <= 70 ? row.Path : string.Concat(row.Path.AsSpan(0, 60), $"…({row.Path.Length} chars)");
        return $"| {row.Case} | `{row.Method} {path}` | {row.Status} | {(row.Field is null ? "—" : $"`{row.Field}`")} |";
    }

    public static string RenderDoc()
    {
        var doc = new StringBuilder();
        doc.Append("""
            # Bad input: what every endpoint answers

            Each row is a request with something wrong in it and the answer the bridge gives: the status, and the field the
            ProblemDetails (`application/problem+json`) names — a key of its `errors`, or its `field` extension. For every
            row the test also checks that the answer echoes no secret, token, signature or message text, and that nothing
            changed: Redis's keys and values, and every workflow's runs, history and signals (Redis is real, Temporal is the
            offline kit, and both hold a connected channel and an OAuth state before the rows run).

            The rows are the test data of `tests/TemporalBridge.Tests/BadInput/`; `BadInputTests` fails when this file and
            the rows differ. To rewrite it from the rows: `BAD_INPUT_WRITE_DOC=1 dotnet test tests/TemporalBridge.Tests
            --filter "FullyQualifiedName~BadInput"`. Long paths are shortened here.

            """);
        foreach (var (group, title, about) in Sections)
        {
            var rows = Rows.Where(r => r.Group == group).ToList();
            doc.Append(CultureInfoInvariant($"\n## {title}\n\n{about} {rows.Count} cases.\n\n"));
            doc.Append("| case | request | status | field |\n|---|---|---|---|\n");
            foreach (var row in rows)
            {
                doc.Append(Line(row)).Append('\n');
            }
        }

        return doc.ToString();
    }

    /// <summary>The rows the doc lists: (group, line), from the tables under each section's heading.</summary>
    public static IReadOnlyList<(string Group, string Line)> ParseDoc(string text)
    {
        var rows = new List<(string, string)>();
        string? group = null;
        foreach (var line in text.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                group = Sections.SingleOrDefault(s => s.Title == line[3..]).Group
                    ?? throw new InvalidOperationException($"{DocPath}: unknown section '{line}'");
            }
            else if (line.StartsWith("| ", StringComparison.Ordinal) && line != "| case | request | status | field |")
            {
                rows.Add((group ?? throw new InvalidOperationException($"{DocPath}: a row before any section: {line}"), line));
            }
        }

        return rows;
    }

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);
}
