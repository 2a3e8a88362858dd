using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using NanoThing.Adapters;
using NanoThing.App.Tests.Support;
using NanoThing.Cli.Commands.Bundle;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Things;

namespace NanoThing.App.Tests;

/// <summary>
/// The app's reader of the identity files on I:\, run on real files in a temporary folder: the bytes `nanothing bundle`
/// writes (the CLI's own DeviceIdentityPem and RootCaBundle, from a throw-away certificate and key made here) are
/// accepted under the same names, and every malformed variant is refused with its reason.
/// </summary>
[TestClass]
public sealed class IdentityFilesTests
{
    private string _folder;
    private RecordingLog _log;
    private IdentityFiles _files;

    [TestInitialize]
    public void CreateFolder()
    {
        _folder = Directory.CreateTempSubdirectory("nanothing-identity-").FullName + Path.DirectorySeparatorChar;
        _log = new RecordingLog();
        _files = new IdentityFiles(new FileStorage(_folder, _log));
    }

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void TheNames_AreTheOnesTheBundleDeploysToTheDrive()
    {
        Assert.AreEqual(BundleLayout.DeviceIdentityName, IdentityFiles.DeviceIdentityName);
        Assert.AreEqual(BundleLayout.RootCaBundleName, IdentityFiles.RootCaBundleName);
        CollectionAssert.IsSubsetOf(new[] { IdentityFiles.DeviceIdentityName, IdentityFiles.RootCaBundleName }, BundleLayout.DriveFiles.ToArray());
    }

    [TestMethod]
    public void WhatTheBundleWrites_IsReadBackExactly()
    {
        (byte[] identity, byte[] roots) = BundleFiles();
        File.WriteAllBytes(_folder + IdentityFiles.DeviceIdentityName, identity);
        File.WriteAllBytes(_folder + IdentityFiles.RootCaBundleName, roots);

        CollectionAssert.AreEqual(identity, _files.ReadDeviceIdentity(out IdentityFileStatus identityStatus));
        CollectionAssert.AreEqual(roots, _files.ReadRootCaBundle(out IdentityFileStatus rootsStatus, out int certificates));

        Assert.AreEqual(IdentityFileStatus.Ok, identityStatus);
        Assert.AreEqual(IdentityFileStatus.Ok, rootsStatus);
        Assert.AreEqual(2, certificates);
        Assert.AreEqual(_folder + "device-identity.pem", _files.DeviceIdentityPath);
        Assert.AreEqual(0, _log.Lines.Count, _log.Text);
    }

    [TestMethod]
    public void MissingFiles_AreMissing_WithoutALogLine()
    {
        Assert.IsNull(_files.ReadDeviceIdentity(out IdentityFileStatus identityStatus));
        Assert.IsNull(_files.ReadRootCaBundle(out IdentityFileStatus rootsStatus, out int certificates));

        Assert.AreEqual(IdentityFileStatus.Missing, identityStatus);
        Assert.AreEqual(IdentityFileStatus.Missing, rootsStatus);
        Assert.AreEqual(0, certificates);
        Assert.AreEqual(0, _log.Lines.Count, _log.Text);
    }

    [TestMethod]
    public void IdentityWithoutTheNul_IsRefused()
    {
        byte[] identity = BundleFiles().Identity;
        File.WriteAllBytes(_folder + IdentityFiles.DeviceIdentityName, identity[..^1]);

        Assert.IsNull(_files.ReadDeviceIdentity(out IdentityFileStatus status));
        Assert.AreEqual(IdentityFileStatus.NotNulTerminated, status);
    }

    [TestMethod]
    public void CertificateWithoutItsKey_IsRefusedAsIdentity_ButIsAValidCaBundle()
    {
        byte[] roots = BundleFiles().Roots;
        File.WriteAllBytes(_folder + IdentityFiles.DeviceIdentityName, roots);
        File.WriteAllBytes(_folder + IdentityFiles.RootCaBundleName, roots);

        Assert.IsNull(_files.ReadDeviceIdentity(out IdentityFileStatus identityStatus));
        Assert.IsNotNull(_files.ReadRootCaBundle(out IdentityFileStatus rootsStatus, out _));

        Assert.AreEqual(IdentityFileStatus.NoPrivateKey, identityStatus);
        Assert.AreEqual(IdentityFileStatus.Ok, rootsStatus);
    }

    [TestMethod]
    public void KeyBeforeTheCertificate_IsRefused()
    {
        // the key parser would find it, but nothing would be after the certificate: the order bundle writes is cert then key
        string text = Encoding.ASCII.GetString(BundleFiles().Identity).TrimEnd('\0');
        int key = text.IndexOf("-----BEGIN PRIVATE KEY-----", StringComparison.Ordinal);
        File.WriteAllBytes(_folder + IdentityFiles.DeviceIdentityName, [.. Encoding.ASCII.GetBytes(text[key..] + text[..key]), 0]);

        Assert.IsNull(_files.ReadDeviceIdentity(out IdentityFileStatus status));
        Assert.AreEqual(IdentityFileStatus.NoPrivateKey, status);
    }

    [TestMethod]
    [DataRow(new byte[] { 0 }, IdentityFileStatus.NoCertificate)]
    [DataRow(new byte[] { (byte)'x', (byte)'y', 0 }, IdentityFileStatus.NoCertificate)]
    public void NotPem_IsRefused(byte[] content, IdentityFileStatus expected)
    {
        File.WriteAllBytes(_folder + IdentityFiles.RootCaBundleName, content);
        Assert.IsNull(_files.ReadRootCaBundle(out IdentityFileStatus status, out _));
        Assert.AreEqual(expected, status);
    }

    [TestMethod]
    public void FileLargerThanTheLimit_IsRefused()
    {
        byte[] roots = BundleFiles().Roots;
        byte[] large = [.. roots[..^1], .. new byte[IdentityFiles.MaximumBytes], 0];
        File.WriteAllBytes(_folder + IdentityFiles.RootCaBundleName, large);

        Assert.IsNull(_files.ReadRootCaBundle(out IdentityFileStatus status, out _));
        Assert.AreEqual(IdentityFileStatus.TooLarge, status);
    }

    [TestMethod]
    public void Describe_NamesTheFileAndTheProblem_ForEveryStatus()
    {
        foreach (IdentityFileStatus status in Enum.GetValues<IdentityFileStatus>())
        {
            string sentence = IdentityFiles.Describe(status, @"I:\device-identity.pem");
            StringAssert.StartsWith(sentence, @"I:\device-identity.pem ");
            Assert.IsFalse(sentence.Contains("status "), sentence);
        }
    }

    [TestMethod]
    public void Check_OfAnyInput_NeverThrows()
    {
        var random = new Random(12);
        byte[] marker = "-----BEGIN CERTIFICATE-----PRIVATE KEY-----"u8.ToArray();
        for (int i = 0; i < 3000; i++)
        {
            var data = new byte[random.Next(0, 200)];
            for (int j = 0; j < data.Length; j++)
            {
                data[j] = random.Next(3) == 0 ? marker[random.Next(marker.Length)] : (byte)random.Next(256);
            }

            IdentityFiles.Check(data, random.Next(2) == 0);
        }

        Assert.AreEqual(IdentityFileStatus.Missing, IdentityFiles.Check(null, true));
    }

    /// <summary>The identity and root CA bytes as `nanothing bundle` writes them, for a throw-away key and CAs.</summary>
    private (byte[] Identity, byte[] Roots) BundleFiles()
    {
        string thingFolder = Directory.CreateDirectory(Path.Combine(_folder, "..", Path.GetFileName(_folder.TrimEnd(Path.DirectorySeparatorChar)) + "-thing")).FullName;
        try
        {
            Assert.IsTrue(ThingName.TryCreate("kitchen", out ThingName thing, out _));
            ThingFiles files = ThingFiles.For(thing, thingFolder, thingFolder);
            using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            {
                var request = new CertificateRequest("CN=kitchen", key, HashAlgorithmName.SHA256);
                using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
                File.WriteAllText(files.Certificate, certificate.ExportCertificatePem() + "\n");
                File.WriteAllText(files.Key, key.ExportPkcs8PrivateKeyPem() + "\n");
            }

            string[] roots = [Root(thingFolder, "Test Root CA 1"), Root(thingFolder, "Test Root CA 3")];
            Assert.IsTrue(DeviceIdentityPem.TryBuild(files, out byte[] identity, out CliError error), error?.Message);
            Assert.IsTrue(RootCaBundle.TryBuild(roots, out byte[] bundle, out _, out error), error?.Message);
            return (identity, bundle);
        }
        finally
        {
            Directory.Delete(thingFolder, recursive: true);
        }
    }

    private static string Root(string folder, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        string path = Path.Combine(folder, name.Replace(' ', '-') + ".pem");
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");
        return path;
    }
}
