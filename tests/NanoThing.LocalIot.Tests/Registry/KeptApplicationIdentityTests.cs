using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using NanoThing.LocalIot.Broker;
using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Registry;
using NanoThing.LocalIot.StandIn;
using NanoThing.LocalIot.Tests.Shadows;
using NanoThing.LocalIot.WebConsole;

namespace NanoThing.LocalIot.Tests.Registry;

/// <summary>The stand-in's own application identities (the console's) are issued once and used again, like a backend's
/// certificate on AWS, and replaced only when they no longer work.</summary>
[TestClass]
public sealed class KeptApplicationIdentityTests
{
    private const string Name = LocalConsole.WatcherIdentity;

    private static (LocalCa Ca, LocalRegistry Registry, string Folder) Setup(TempFolder root)
    {
        Assert.IsTrue(LocalCa.TryCreate(Path.Combine(root.Path, "ca"), false, out var ca, out var error), error);
        Assert.IsTrue(LocalRegistry.TryOpen(root.Path, out var registry, out error), error);
        return (ca, registry, Path.Combine(root.Path, "identities", Name));
    }

    private static ClientCredentials Get(LocalCa ca, LocalRegistry registry, string folder, List<string>? log = null)
    {
        Assert.IsTrue(KeptApplicationIdentity.TryLoadOrProvision(ca, registry, folder, Name, TimeProvider.System, line => log?.Add(line), out var credentials, out var error), error);
        return credentials;
    }

    private static string Id(ClientCredentials credentials) => LocalRegistry.CertificateId(X509Certificate2.CreateFromPem(credentials.CertificatePem));

    private static int RegisteredCertificates(LocalRegistry registry) =>
        JsonNode.Parse(File.ReadAllText(registry.FilePath))!["certificates"]!.AsObject().Count;

    [TestMethod]
    public void TheSecondRequest_UsesTheKeptIdentity_AndRegistersNothingNew()
    {
        using var root = new TempFolder();
        var (ca, registry, folder) = Setup(root);
        using (ca)
        {
            var first = Get(ca, registry, folder);
            int registered = RegisteredCertificates(registry);
            var second = Get(ca, registry, folder);

            Assert.AreEqual(first.CertificatePem, second.CertificatePem);
            Assert.AreEqual(1, registered);
            Assert.AreEqual(registered, RegisteredCertificates(registry), "no certificate registered per start");
            Assert.AreEqual(CertificateStatus.Active, registry.Certificate(Id(second))!.Status);
            Assert.AreEqual(LocalProvisioning.ApplicationPolicyName(Name), registry.PoliciesOf(Id(second)).Single().Name);
            if (!OperatingSystem.IsWindows())
            {
                Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, KeptApplicationIdentity.KeyFileName)));
            }
        }
    }

    [TestMethod]
    public void AnInactiveKeptCertificate_IsReplaced_ByANewRegisteredOne()
    {
        using var root = new TempFolder();
        var (ca, registry, folder) = Setup(root);
        using (ca)
        {
            var first = Get(ca, registry, folder);
            Assert.IsNull(registry.SetStatus(Id(first), CertificateStatus.Inactive));

            var replacement = Get(ca, registry, folder);

            Assert.AreNotEqual(first.CertificatePem, replacement.CertificatePem);
            Assert.AreEqual(CertificateStatus.Active, registry.Certificate(Id(replacement))!.Status);
            Assert.AreEqual(replacement.CertificatePem, File.ReadAllText(Path.Combine(folder, KeptApplicationIdentity.CertificateFileName)), "the replacement is kept for the next start");
            Assert.AreEqual(replacement.CertificatePem, Get(ca, registry, folder).CertificatePem);
        }
    }

    [TestMethod]
    public void ADamagedKey_OrACertificateOfAnotherCa_IsReplaced()
    {
        using var root = new TempFolder();
        var (ca, registry, folder) = Setup(root);
        using (ca)
        {
            var first = Get(ca, registry, folder);
            File.WriteAllText(Path.Combine(folder, KeptApplicationIdentity.KeyFileName), "-----BEGIN PRIVATE KEY-----\nbroken\n-----END PRIVATE KEY-----\n");
            var afterDamage = Get(ca, registry, folder);
            Assert.AreNotEqual(first.CertificatePem, afterDamage.CertificatePem);

            using var otherRoot = new TempFolder();
            Assert.IsTrue(LocalCa.TryCreate(Path.Combine(otherRoot.Path, "ca"), false, out var otherCa, out var error), error);
            using (otherCa)
            {
                var underOtherCa = Get(otherCa, registry, folder);
                Assert.AreNotEqual(afterDamage.CertificatePem, underOtherCa.CertificatePem);
                Assert.IsTrue(CaChain.IsIssuedBy(X509Certificate2.CreateFromPem(underOtherCa.CertificatePem), otherCa.CaCertificate, out _));
            }
        }
    }

    [TestMethod]
    public async Task RestartingTheStandInWithItsConsole_RegistersNoNewCertificate()
    {
        using var root = new TempFolder();
        var options = new LocalIotServerOptions(root.Path, FreePort.Find()) { ConsolePort = 0 };
        int[] registered = new int[2];
        for (int start = 0; start < 2; start++)
        {
            var (server, error, _) = await LocalIotServer.TryStartAsync(options with { Port = FreePort.Find() });
            Assert.IsNotNull(server, error);
            await using (server)
            {
                Assert.IsNotNull(server.Console, server.ConsoleFailure);
            }

            Assert.IsTrue(LocalRegistry.TryOpen(root.Path, out var registry, out error), error);
            registered[start] = RegisteredCertificates(registry);
        }

        Assert.IsTrue(registered[0] >= 1, "the console's watcher is registered");
        Assert.AreEqual(registered[0], registered[1], "the second start uses the identities the first kept");
    }
}
