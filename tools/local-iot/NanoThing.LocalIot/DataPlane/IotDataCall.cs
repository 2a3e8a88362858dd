using NanoThing.LocalIot.Shadows;

namespace NanoThing.LocalIot.DataPlane;

/// <summary>One parsed and validated data-plane request: the operation and its parameters.</summary>
/// <param name="Operation">Which operation.</param>
/// <param name="Shadow">The shadow of Get/Update/DeleteThingShadow; for ListNamedShadowsForThing only its thing name is
/// meaningful; default for Publish.</param>
/// <param name="Topic">The topic of Publish (decoded); null otherwise.</param>
/// <param name="Qos">Publish's QoS (0 or 1).</param>
/// <param name="Retain">Publish's retain flag.</param>
/// <param name="PageSize">ListNamedShadowsForThing's page size (1–100).</param>
/// <param name="NextToken">ListNamedShadowsForThing's <c>nextToken</c>, or null for the first page.</param>
public sealed record IotDataCall(
    IotDataOperation Operation,
    ShadowId Shadow,
    string? Topic = null,
    int Qos = 0,
    bool Retain = false,
    int PageSize = IotDataCall.MaxPageSize,
    string? NextToken = null)
{
    /// <summary>The largest <c>pageSize</c> of ListNamedShadowsForThing (API model: range 1–100). AWS documents no
    /// default; the stand-in uses the maximum.</summary>
    public const int MaxPageSize = 100;

    /// <summary>The thing the request is about (empty for Publish).</summary>
    public string ThingName => Shadow.ThingName ?? "";
}
