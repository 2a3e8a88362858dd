using NanoThing.LocalIot.DataPlane;
using NanoThing.LocalIot.DataPlane.Auth;
using NanoThing.LocalIot.Policies;

namespace NanoThing.LocalIot.Tests.DataPlane;

/// <summary>
/// A stand-in authenticator for testing the HTTP layer alone: header <c>x-test-identity</c> names one of the known
/// identities, each with its own policy; no header: 401; an unknown name: 403 (as a wrong signature). Records what it saw.
/// </summary>
internal sealed class HeaderAuthenticator : IRequestAuthenticator
{
    public const string Header = "x-test-identity";

    private readonly Dictionary<string, IotPolicy> identities = new(StringComparer.Ordinal);

    public DataPlaneRequest? LastRequest { get; private set; }

    public HeaderAuthenticator With(string identity, string policyJson)
    {
        var parsed = IotPolicy.Parse(identity + "-policy", policyJson);
        Assert.IsTrue(parsed.Succeeded, parsed.Error);
        identities[identity] = parsed.Policy!;
        return this;
    }

    public AuthenticationResult Authenticate(DataPlaneRequest request)
    {
        LastRequest = request;
        var name = request.Header(Header);
        if (name is null)
        {
            return AuthenticationResult.Refused(IotDataError.Unauthorized("Missing Authentication Token"), "no " + Header + " header");
        }

        return identities.TryGetValue(name, out var policy)
            ? AuthenticationResult.Authenticated(new DataPlanePrincipal(name, "test identity " + name, [policy], AuthorizationContext.WithoutConnection))
            : AuthenticationResult.Refused(IotDataError.Forbidden("The request signature we calculated does not match the signature you provided."), "unknown identity " + name);
    }
}
