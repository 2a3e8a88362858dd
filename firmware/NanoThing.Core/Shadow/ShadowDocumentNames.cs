namespace NanoThing.Core.Shadow
{
    /// <summary>
    /// The member names of Device Shadow documents (aws-iot.md 1.3), as static fields: in nanoCLR every string
    /// literal load (ldstr) creates a new string object, a static field does not (reference/nanoclr-runtime.md), and
    /// these names are written and looked up in every report and every reply.
    /// </summary>
    internal static class ShadowDocumentNames
    {
        public static readonly string State = "state";
        public static readonly string Reported = "reported";
        public static readonly string Desired = "desired";
        public static readonly string Delta = "delta";
        public static readonly string ClientToken = "clientToken";
        public static readonly string Version = "version";
        public static readonly string Code = "code";
        public static readonly string Message = "message";
    }
}
