using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using NanoThing.Cli.Commands.Register;
using NanoThing.LocalIot.DataPlane.Auth;
using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Policies;

namespace NanoThing.Cli.Commands.Shadow;

/// <summary>
/// The local stand-in's data plane over HTTPS, signed with SigV4 by the stand-in's credentials exactly as the AWS SDKs
/// sign iot-data (service <c>iotdata</c>), trusting only the local CA. An application's access: no device certificate
/// is used, so a device connected as the thing stays connected. Signs with the real clock: the stand-in checks the
/// signature's time against its own (5 minutes of skew, as AWS).
/// </summary>
public sealed class LocalDataPlane : IShadowDataPlane
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient client;
    private readonly Uri url;
    private readonly SigV4Credentials keys;

    public LocalDataPlane(Uri url, SigV4Credentials keys, X509Certificate2 ca)
    {
        this.url = url;
        this.keys = keys;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && CaChain.IsIssuedBy(new X509Certificate2(certificate), ca, out _),
            },
        };
        client = new HttpClient(handler) { BaseAddress = url, Timeout = Timeout };
    }

    public string Description => "the local stand-in's data plane " + url.GetLeftPart(UriPartial.Authority);

    public bool DryRun => false;

    public AwsReply Get(string thing, string? shadow) => Send(HttpMethod.Get, ShadowTarget(thing, shadow), null);

    public AwsReply Update(string thing, string? shadow, string document) => Send(HttpMethod.Post, ShadowTarget(thing, shadow), Encoding.UTF8.GetBytes(document));

    public AwsReply Delete(string thing, string? shadow) => Send(HttpMethod.Delete, ShadowTarget(thing, shadow), null);

    public AwsReply List(string thing, string? nextToken) =>
        Send(HttpMethod.Get, "/api/things/shadow/ListNamedShadowsForThing/" + Uri.EscapeDataString(thing) + (nextToken is null ? "" : "?nextToken=" + Uri.EscapeDataString(nextToken)), null);

    public void Dispose() => client.Dispose();

    private static string ShadowTarget(string thing, string? shadow) =>
        "/things/" + Uri.EscapeDataString(thing) + "/shadow" + (shadow is null ? "" : "?name=" + Uri.EscapeDataString(shadow));

    private AwsReply Send(HttpMethod method, string target, byte[]? body)
    {
        using var request = new HttpRequestMessage(method, target) { Content = body is null ? null : new ByteArrayContent(body) };
        var unsigned = new SigV4Request(method.Method, target, [new("Host", url.Authority)], body ?? []);
        foreach (var (name, value) in SigV4Signer.Sign(unsigned, keys, IotArn.Region, "iotdata", DateTimeOffset.UtcNow))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = client.Send(request);
            string text = new StreamReader(response.Content.ReadAsStream()).ReadToEnd();
            JsonElement? json = Parse(text);
            if (response.IsSuccessStatusCode)
            {
                return new AwsReply(true, json, "", "");
            }

            string code = response.Headers.TryGetValues("x-amzn-ErrorType", out var types) ? types.First().Split(':')[0] : ((int)response.StatusCode).ToString();
            string message = json is { ValueKind: JsonValueKind.Object } error && error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : text;
            return new AwsReply(false, null, code, message);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new AwsReply(false, null, IShadowDataPlane.Unreachable, e.Message);
        }
    }

    private static JsonElement? Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
