namespace NanoThing.LocalIot.Shadows;

/// <summary>The response topics the service publishes to, each a suffix of the shadow's topic prefix.</summary>
public enum ShadowResponseKind
{
    /// <summary><c>/get/accepted</c>: the full document.</summary>
    GetAccepted,

    /// <summary><c>/get/rejected</c>: an error document.</summary>
    GetRejected,

    /// <summary><c>/update/accepted</c>: the fields of the request, their metadata, the new version.</summary>
    UpdateAccepted,

    /// <summary><c>/update/rejected</c>: an error document.</summary>
    UpdateRejected,

    /// <summary><c>/update/delta</c>: every desired field that differs from reported.</summary>
    UpdateDelta,

    /// <summary><c>/update/documents</c>: the previous and current documents.</summary>
    UpdateDocuments,

    /// <summary><c>/delete/accepted</c>: version and timestamp of the deleted document.</summary>
    DeleteAccepted,

    /// <summary><c>/delete/rejected</c>: an error document.</summary>
    DeleteRejected,
}
