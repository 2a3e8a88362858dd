using NanoThing.LocalIot.Policies;

namespace NanoThing.LocalIot.DataPlane.Auth;

/// <summary>Who an authenticated data-plane request comes from, and what decides what it may do.</summary>
/// <param name="Id">The principal as AWS logs it: the access key id (SigV4) or the certificate id (client certificate).</param>
/// <param name="Description">A few words for logs and errors, e.g. "access key AKIA… (local credentials)".</param>
/// <param name="Policies">The policies attached to the identity, evaluated by <see cref="PolicyEngine"/>.</param>
/// <param name="Context">The values for policy variables and conditions (no MQTT client id over HTTPS).</param>
public sealed record DataPlanePrincipal(string Id, string Description, IReadOnlyList<IotPolicy> Policies, AuthorizationContext Context);
