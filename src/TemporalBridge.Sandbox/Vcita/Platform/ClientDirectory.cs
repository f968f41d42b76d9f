using System.Collections.Concurrent;

namespace TemporalBridge.Sandbox.Vcita.Platform;

public sealed record VcitaClient(
    string Id, string BusinessUid, string FirstName, string? LastName, string? Phone, string? Email, string? SourceChannel)
{
    public ClientView ToView() => new(Id, BusinessUid, FirstName, LastName, Phone, Email, SourceChannel);
}

/// <summary>Every business's clients. A client's <c>id</c> is the <c>contact_uid</c> sessions take.</summary>
public sealed class ClientDirectory
{
    private readonly ConcurrentDictionary<string, VcitaClient> clients = new(StringComparer.Ordinal);

    public IReadOnlyList<VcitaClient> All => [.. clients.Values.OrderBy(c => c.Id)];

    public VcitaClient Add(string businessUid, CreateClientRequest request)
    {
        var client = new VcitaClient(
            Uids.New(), businessUid, request.FirstName!, request.LastName, request.Phone, request.Email, request.SourceChannel);
        clients[client.Id] = client;
        return client;
    }

    /// <summary>
    /// The business's clients whose <paramref name="field"/> matches <paramref name="term"/> (all of them without a
    /// term). Phones match when their digits do, so "+972 50-123" finds "97250123"; without <paramref name="field"/>
    /// the term is looked for in every field.
    /// </summary>
    public IEnumerable<VcitaClient> Search(string businessUid, string? term, string? field)
    {
        var ofBusiness = clients.Values.Where(c => c.BusinessUid == businessUid);
        if (string.IsNullOrWhiteSpace(term))
        {
            return ofBusiness.OrderBy(c => c.Id);
        }

        var digits = Digits(term);
        bool PhoneMatches(VcitaClient c) => digits.Length > 0 && c.Phone is { } p && Digits(p) == digits;
        bool EmailMatches(VcitaClient c) => string.Equals(c.Email, term, StringComparison.OrdinalIgnoreCase);
        bool UidMatches(VcitaClient c) => c.Id == term;
        return ofBusiness.Where(field switch
        {
            "phone" => PhoneMatches,
            "email" => EmailMatches,
            "uid" => UidMatches,
            "updated_at" => _ => false,
            _ => c => PhoneMatches(c) || EmailMatches(c) || UidMatches(c),
        }).OrderBy(c => c.Id);
    }

    public void Clear() => clients.Clear();

    private static string Digits(string phone) => new([.. phone.Where(char.IsAsciiDigit)]);
}
