using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Registry;
using NanoThing.LocalIot.Tests.Shadows;

namespace NanoThing.LocalIot.Tests.Registry;

/// <summary>The registry keeps what AWS IoT keeps, on disk, and refuses what AWS refuses.</summary>
[TestClass]
public sealed class LocalRegistryTests
{
    private static LocalRegistry Open(TempFolder folder)
    {
        Assert.IsTrue(LocalRegistry.TryOpen(folder.Path, out var registry, out var error), error);
        return registry;
    }

    private static (string Pem, X509Certificate2 Certificate) SelfSigned(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var certificate = new CertificateRequest("CN=" + commonName, key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return (certificate.ExportCertificatePem(), certificate);
    }

    [TestMethod]
    public void ThingCertificatePolicyAndAttachments_SurviveReopening_AndAnotherInstanceSeesThem()
    {
        using var folder = new TempFolder();
        var registry = Open(folder);
        var other = Open(folder); // e.g. the running stand-in while the CLI provisions
        var (pem, certificate) = SelfSigned("kitchen");

        Assert.IsNull(registry.CreateThing("kitchen"));
        Assert.IsNull(registry.RegisterCertificate(pem, withoutCa: true, CertificateStatus.Active, out string id));
        Assert.IsNull(registry.CreatePolicy("p", LocalProvisioning.ThingShadowsPolicy()));
        Assert.IsNull(registry.AttachPolicy("p", id));
        Assert.IsNull(registry.AttachThingPrincipal("kitchen", id));

        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(certificate.RawData)), id, "AWS's certificate id: SHA-256 of the DER");
        var reopened = Open(folder);
        foreach (var view in new[] { reopened, other })
        {
            Assert.AreEqual(CertificateStatus.Active, view.Certificate(id)!.Status);
            Assert.IsTrue(view.Certificate(id)!.RegisteredWithoutCa);
            CollectionAssert.AreEqual(new[] { "kitchen" }, view.ThingsOf(id).ToArray());
            Assert.AreEqual("p", view.PoliciesOf(id).Single().Name);
        }

        Assert.IsFalse(File.Exists(reopened.FilePath + ".tmp"), "the temporary file of the atomic write is renamed away");
    }

    [TestMethod]
    public void InvalidPolicy_IsRefused_WithTheParsersReason_AndNothingIsStored()
    {
        using var folder = new TempFolder();
        var registry = Open(folder);

        string? error = registry.CreatePolicy("broken", """{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"iot:Connect","Resource":"*"}]}""");

        Assert.IsNotNull(error);
        StringAssert.Contains(error, "broken");
        Assert.IsNull(Open(folder).Policy("broken"));
    }

    [TestMethod]
    public void PolicyOfTheSameNameWithAnotherDocument_IsRefused_UnlessReplaced()
    {
        using var folder = new TempFolder();
        var registry = Open(folder);
        Assert.IsNull(registry.CreatePolicy("p", LocalProvisioning.ThingShadowsPolicy()));
        Assert.IsNull(registry.CreatePolicy("p", LocalProvisioning.ThingShadowsPolicy()), "the same document again is no change");

        Assert.IsNotNull(registry.CreatePolicy("p", LocalProvisioning.ApplicationPolicy("app")));
        Assert.IsNull(registry.CreatePolicy("p", LocalProvisioning.ApplicationPolicy("app"), replace: true));
        Assert.AreEqual(LocalProvisioning.ApplicationPolicy("app"), Open(folder).Policy("p")!.Document);
    }

    [TestMethod]
    public void Attachments_NeedExistingPolicyThingAndCertificate()
    {
        using var folder = new TempFolder();
        var registry = Open(folder);
        var (pem, _) = SelfSigned("x");
        Assert.IsNull(registry.RegisterCertificate(pem, false, CertificateStatus.Active, out string id));

        StringAssert.Contains(registry.AttachPolicy("missing", id), "No policy named 'missing'");
        StringAssert.Contains(registry.AttachThingPrincipal("missing", id), "No thing named 'missing'");
        Assert.IsNull(registry.CreateThing("t"));
        StringAssert.Contains(registry.AttachThingPrincipal("t", "0000"), "No certificate with id 0000");
        Assert.IsEmpty(Open(folder).ThingsOf(id));
    }

    [TestMethod]
    public void RevokedCertificate_CannotBeActivatedAgain_InactiveCan()
    {
        using var folder = new TempFolder();
        var registry = Open(folder);
        var (pem, _) = SelfSigned("x");
        Assert.IsNull(registry.RegisterCertificate(pem, false, CertificateStatus.Active, out string id));

        Assert.IsNull(registry.SetStatus(id, CertificateStatus.Inactive));
        Assert.IsNull(registry.SetStatus(id, CertificateStatus.Active));
        Assert.IsNull(registry.SetStatus(id, CertificateStatus.Revoked));
        StringAssert.Contains(registry.SetStatus(id, CertificateStatus.Active), "REVOKED");
        Assert.AreEqual(CertificateStatus.Revoked, Open(folder).Certificate(id)!.Status);
    }

    [TestMethod]
    public void DamagedFile_IsReported_NamingTheFile()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, LocalRegistry.FileName), "{ not json");

        Assert.IsFalse(LocalRegistry.TryOpen(folder.Path, out _, out string error));

        StringAssert.Contains(error, Path.Combine(folder.Path, LocalRegistry.FileName));
    }

    [TestMethod]
    public void InvalidThingName_AndNonPemCertificate_AreRefused()
    {
        using var folder = new TempFolder();
        var registry = Open(folder);

        Assert.IsNotNull(registry.CreateThing("bad/name"));
        Assert.IsNotNull(registry.RegisterCertificate("not a certificate", false, CertificateStatus.Active, out _));
        Assert.IsFalse(File.Exists(registry.FilePath), "nothing was written");
    }
}
