using NanoThing.LocalIot.Pki;
using NanoThing.Mqtt.Tests.Support;

namespace NanoThing.Mqtt.Tests.Client;

[TestClass]
public sealed class TlsSettingsTests
{
    private static TempFolder s_folder = null!;
    private static LocalCa s_ca = null!;
    private static string s_certificate = null!, s_key = null!, s_otherKey = null!;

    [ClassInitialize]
    public static void Create(TestContext _)
    {
        s_folder = new TempFolder();
        Assert.IsTrue(LocalCa.TryCreate(s_folder.File("ca"), false, out var ca, out string error), error);
        s_ca = ca!;
        s_certificate = s_folder.File("kitchen.crt");
        s_key = s_folder.File("kitchen.key");
        s_otherKey = s_folder.File("other.key");
        Assert.IsTrue(s_ca.TryIssueThingCertificate("kitchen", out var kitchen, out error) && kitchen.TryWrite(s_certificate, s_key, false, out error), error);
        Assert.IsTrue(s_ca.TryIssueThingCertificate("other", out var other, out error) && other.TryWrite(s_folder.File("other.crt"), s_otherKey, false, out error), error);
    }

    [ClassCleanup]
    public static void Delete()
    {
        s_ca.Dispose();
        s_folder.Dispose();
    }

    [TestMethod]
    public void LoadsCaAndClientCertificateWithKey()
    {
        Assert.IsTrue(TlsSettings.TryLoadFromPemFiles(s_ca.CaCertificatePath, s_certificate, s_key, out var tls, out string error), error);
        Assert.AreEqual(1, tls.TrustedCas.Count);
        Assert.IsTrue(tls.ClientCertificate!.HasPrivateKey);
        Assert.AreEqual("CN=kitchen", tls.ClientCertificate.Subject);
        Assert.AreEqual(s_ca.CaCertificatePath, tls.TrustSource);
    }

    [TestMethod]
    public void MissingCaFile_NamesIt()
    {
        Assert.IsFalse(TlsSettings.TryLoadFromPemFiles(s_folder.File("nope.pem"), null, null, out var tls, out string error));
        Assert.IsNull(tls);
        StringAssert.Contains(error, "nope.pem does not exist");
    }

    [TestMethod]
    public void CaFileWithoutCertificate_NamesIt()
    {
        File.WriteAllText(s_folder.File("empty.pem"), "hello\n");
        Assert.IsFalse(TlsSettings.TryLoadFromPemFiles(s_folder.File("empty.pem"), null, null, out _, out string error));
        StringAssert.Contains(error, "empty.pem contains no PEM certificate");
    }

    [TestMethod]
    public void KeyOfAnotherCertificate_IsRefused_WithoutPrintingTheKey()
    {
        Assert.IsFalse(TlsSettings.TryLoadFromPemFiles(s_ca.CaCertificatePath, s_certificate, s_otherKey, out _, out string error));
        StringAssert.Contains(error, s_certificate);
        StringAssert.Contains(error, s_otherKey);
        Assert.IsFalse(error.Contains("PRIVATE KEY"), error);
    }

    [TestMethod]
    public void MissingKeyFile_NamesIt()
    {
        Assert.IsFalse(TlsSettings.TryLoadFromPemFiles(s_ca.CaCertificatePath, s_certificate, s_folder.File("gone.key"), out _, out string error));
        StringAssert.Contains(error, "private key file");
        StringAssert.Contains(error, "gone.key");
    }
}
