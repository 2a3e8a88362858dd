using NanoThing.Mqtt.Tests.Support;

namespace NanoThing.Mqtt.Tests.Client;

[TestClass]
public sealed class TlsSettingsTests
{
    private static TestCa s_pki = null!;
    private static string s_certificate = null!, s_key = null!, s_otherKey = null!;

    [ClassInitialize]
    public static void Create(TestContext _)
    {
        s_pki = TestCa.Create();
        string error;
        s_certificate = s_pki.Folder.File("kitchen.crt");
        s_key = s_pki.Folder.File("kitchen.key");
        s_otherKey = s_pki.Folder.File("other.key");
        Assert.IsTrue(s_pki.Ca.TryIssueThingCertificate("kitchen", out var kitchen, out error) && kitchen.TryWrite(s_certificate, s_key, false, out error), error);
        Assert.IsTrue(s_pki.Ca.TryIssueThingCertificate("other", out var other, out error) && other.TryWrite(s_pki.Folder.File("other.crt"), s_otherKey, false, out error), error);
    }

    [ClassCleanup]
    public static void Delete() => s_pki.Dispose();

    [TestMethod]
    public void LoadsCaAndClientCertificateWithKey()
    {
        Assert.IsTrue(TlsSettings.TryLoadFromPemFiles(s_pki.Ca.CaCertificatePath, s_certificate, s_key, out var tls, out string error), error);
        Assert.AreEqual(1, tls.TrustedCas.Count);
        Assert.IsTrue(tls.ClientCertificate!.HasPrivateKey);
        Assert.AreEqual("CN=kitchen", tls.ClientCertificate.Subject);
        Assert.AreEqual(s_pki.Ca.CaCertificatePath, tls.TrustSource);
    }

    [TestMethod]
    public void MissingCaFile_NamesIt()
    {
        Assert.IsFalse(TlsSettings.TryLoadFromPemFiles(s_pki.Folder.File("nope.pem"), null, null, out var tls, out string error));
        Assert.IsNull(tls);
        StringAssert.Contains(error, "nope.pem does not exist");
    }

    [TestMethod]
    public void CaFileWithoutCertificate_NamesIt()
    {
        File.WriteAllText(s_pki.Folder.File("empty.pem"), "hello\n");
        Assert.IsFalse(TlsSettings.TryLoadFromPemFiles(s_pki.Folder.File("empty.pem"), null, null, out _, out string error));
        StringAssert.Contains(error, "empty.pem contains no PEM certificate");
    }

    [TestMethod]
    public void KeyOfAnotherCertificate_IsRefused_WithoutPrintingTheKey()
    {
        Assert.IsFalse(TlsSettings.TryLoadFromPemFiles(s_pki.Ca.CaCertificatePath, s_certificate, s_otherKey, out _, out string error));
        StringAssert.Contains(error, s_certificate);
        StringAssert.Contains(error, s_otherKey);
        Assert.IsFalse(error.Contains("PRIVATE KEY"), error);
    }

    [TestMethod]
    public void MissingKeyFile_NamesIt()
    {
        Assert.IsFalse(TlsSettings.TryLoadFromPemFiles(s_pki.Ca.CaCertificatePath, s_certificate, s_pki.Folder.File("gone.key"), out _, out string error));
        StringAssert.Contains(error, "private key file");
        StringAssert.Contains(error, "gone.key");
    }
}
