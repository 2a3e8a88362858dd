using NanoThing.LocalIot.Pki;

namespace NanoThing.Mqtt.Tests.Support;

/// <summary>A local CA in a temp folder (no broker), with client TLS settings for identities it issues.</summary>
internal sealed class TestCa : IDisposable
{
    private TestCa(TempFolder folder, LocalCa ca) => (Folder, Ca) = (folder, ca);

    public TempFolder Folder { get; }

    public LocalCa Ca { get; }

    public static TestCa Create()
    {
        var folder = new TempFolder();
        Assert.IsTrue(LocalCa.TryCreate(folder.File("ca"), false, out var ca, out string error), error);
        return new TestCa(folder, ca!);
    }

    /// <summary>TLS settings for <paramref name="identity"/>, trusting this CA.</summary>
    public TlsSettings Tls(string identity) => LocalStandIn.TlsFor(Ca, identity, Ca.CaCertificatePath, Folder.Path);

    public void Dispose()
    {
        Ca.Dispose();
        Folder.Dispose();
    }
}
