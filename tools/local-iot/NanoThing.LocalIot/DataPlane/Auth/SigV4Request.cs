namespace NanoThing.LocalIot.DataPlane.Auth;

/// <summary>
/// An HTTP request as received, the input of <see cref="SigV4Verifier.Verify"/>.
/// </summary>
/// <param name="Method">The request method, e.g. "GET" (compared as given; HTTP methods are case-sensitive).</param>
/// <param name="RawTarget">The request target exactly as on the request line, path and query, still percent-encoded
/// (ASP.NET Core: <c>IHttpRequestFeature.RawTarget</c>; <c>Request.Path</c> is already decoded and would not verify).</param>
/// <param name="Headers">Every header as received, in order; a name may repeat. Names compare ignoring case.</param>
/// <param name="Body">The whole body (empty for none); its SHA-256 is part of the signature.</param>
public sealed record SigV4Request(string Method, string RawTarget, IReadOnlyList<KeyValuePair<string, string>> Headers, ReadOnlyMemory<byte> Body)
{
    /// <summary>All values of header <paramref name="name"/> in order (empty when absent).</summary>
    public IEnumerable<string> Values(string name) =>
        Headers.Where(header => header.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value);

    /// <summary>The first value of header <paramref name="name"/>, or null.</summary>
    public string? Header(string name) => Values(name).FirstOrDefault();
}
