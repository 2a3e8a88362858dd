using NanoThing.LocalIot.DataPlane.Auth;

namespace NanoThing.LocalIot.Tests.DataPlane;

/// <summary>Signs every request with SigV4 as the AWS SDKs sign iot-data (service iotdata, X-Amz-Date, host), at a given clock.</summary>
internal sealed class SigV4SigningHandler(HttpMessageHandler inner, SigV4Credentials credentials, Func<DateTimeOffset> now, string service = "iotdata") : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[] body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var uri = request.RequestUri!;
        var unsigned = new SigV4Request(request.Method.Method, uri.PathAndQuery, [new("Host", uri.Authority)], body);
        foreach (var (name, value) in SigV4Signer.Sign(unsigned, credentials, "us-east-1", service, now()))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
