namespace Connector.Host.Accounts;

/// <summary>A saved Connect account: a name, its API URL and its key (a secret: never printed).</summary>
/// <param name="Name">The name given with 'account add'.</param>
/// <param name="Url">The API URL the key belongs to (the key is only ever sent there).</param>
/// <param name="ApiKey">The key as the user gave it (<c>SU-...:secret</c>, with or without the <c>ApiKey </c> prefix); stored only in the owner-only accounts file and left out of <see cref="ToString"/>.</param>
internal sealed record SavedAccount(string Name, string Url, string ApiKey)
{
    /// <summary>Never the key.</summary>
    public override string ToString() => $"{Name} ({Url})";
}
