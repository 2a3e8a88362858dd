namespace NanoThing.LocalIot.DataPlane.Auth;

/// <summary>Splits a raw request target into path and query (without '?'); a fragment cannot occur in a request target.</summary>
internal static class SigV4Target
{
    public static void Split(string rawTarget, out string path, out string query)
    {
        int question = rawTarget.IndexOf('?');
        path = question < 0 ? rawTarget : rawTarget[..question];
        query = question < 0 ? "" : rawTarget[(question + 1)..];
    }
}
