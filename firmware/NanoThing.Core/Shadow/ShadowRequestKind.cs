namespace NanoThing.Core.Shadow
{
    /// <summary>A request of the device to the shadow service (one in flight at a time).</summary>
    public enum ShadowRequestKind
    {
        /// <summary>No request.</summary>
        None = 0,
        /// <summary>A GET of the whole shadow document (answered on get/accepted or get/rejected).</summary>
        Get = 1,
        /// <summary>An update of state.reported (answered on update/accepted or update/rejected).</summary>
        Update = 2,
    }
}
