using NanoThing.Cli.Commands.Flash;

namespace NanoThing.Cli.Tests.Commands.Flash;

[TestClass]
public sealed class NanoffOutputTests
{
    [TestMethod]
    [DataRow("Error E4005: Failed to open specified COM port.\n", "E4005", "Failed to open specified COM port.")]
    [DataRow("banner\n\nError E2003: Error executing file deployment on nano device. (disk full)\r\n", "E2003", "Error executing file deployment on nano device. (disk full)")]
    [DataRow("Error E9000\n", "E9000", "")]
    [DataRow("Updating client certificates...Error E2003: Error executing file deployment on nano device. (Specified method is not supported.)\n", "E2003", "Error executing file deployment on nano device. (Specified method is not supported.)")]
    public void TryFindError_NanoffErrorLine_GivesCodeAndText(string output, string code, string text)
    {
        Assert.IsTrue(NanoffOutput.TryFindError(output, out string foundCode, out string foundText));
        Assert.AreEqual(code, foundCode);
        Assert.AreEqual(text, foundText);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("Flashing firmware...OK\n")]
    [DataRow("No Error E40 here\n")]
    [DataRow("the Error E4005 mentioned mid-line\n")]
    public void TryFindError_NoErrorLine_IsFalse(string output) => Assert.IsFalse(NanoffOutput.TryFindError(output, out _, out _));

    [TestMethod]
    public void UncodedFailures_FindsNanoffsLinesWithoutACode()
    {
        const string output = "Deploying file a.pem to I:\\a.pem...\nError deploying content file a.pem to I:\\a.pem\n"
            + "Deploying file b.json to I:\\b.json...\nException deploying content file b.json to I:\\b.json\nDeploying file c to I:\\c...OK\n"
            + "Unhandled exception. System.IO.FileNotFoundException: Could not find file '/x/file-deployment.json'.\n";
        CollectionAssert.AreEqual(new[]
        {
            "Error deploying content file a.pem to I:\\a.pem",
            "Exception deploying content file b.json to I:\\b.json",
            "Unhandled exception. System.IO.FileNotFoundException: Could not find file '/x/file-deployment.json'.",
        }, NanoffOutput.UncodedFailures(output).ToArray());
        Assert.IsTrue(NanoffOutput.ConfirmsFile(output, "c", "I:\\c"));
        Assert.IsFalse(NanoffOutput.ConfirmsFile(output, "a.pem", "I:\\a.pem"));
    }

    [TestMethod]
    [DataRow("Updating network configuration...OK\nUpdating wireless configuration...OK\n", true)]
    [DataRow("Updating network configuration...OK\n", false)]
    [DataRow("Updating network configuration...\nError uploading network configuration.\n", false)]
    public void ConfirmsWifi_NeedsBothBlocks(string output, bool expected) => Assert.AreEqual(expected, NanoffOutput.ConfirmsWifi(output));

    [TestMethod]
    public void Version_ReadsTheBanner()
    {
        Assert.AreEqual("2.5.162", NanoffOutput.Version(".NET nanoFramework Firmware Flasher v2.5.162+baccab8d27\nCopyright (C) 2019 .NET Foundation and nanoFramework project contributors\n"));
        Assert.IsNull(NanoffOutput.Version("no banner"));
    }

    [TestMethod]
    public void AnyOutput_NeverThrows()
    {
        var random = new Random(5);
        for (int i = 0; i < 2000; i++)
        {
            var chars = new char[random.Next(0, 300)];
            for (int j = 0; j < chars.Length; j++)
            {
                chars[j] = random.Next(4) == 0 ? "Error E40:5\n v2."[random.Next(15)] : (char)random.Next(0, 0x3000);
            }

            string text = new(chars);
            NanoffOutput.TryFindError(text, out _, out _);
            NanoffOutput.Version(text);
            NanoffOutput.UncodedFailures(text);
            NanoffOutput.ParserError(text);
        }
    }

    [TestMethod]
    [DataRow("wifi", "Error executing file deployment on nano device. (Specified method is not supported.)", "cannot write certificates", "run nanothing bundle again")]
    [DataRow("wifi", "Error executing file deployment on nano device. (Could not find file 'x.pem'.)", "network deployment failed", "network-deployment.json")]
    [DataRow("files", "Error executing file deployment on nano device. (The port is closed.)", "connection to the board failed during the file deployment", "reset the board")]
    [DataRow("app", "Error executing file deployment on nano device.", "a deployment failed", "reset the board")]
    public void Explain_E2003_DependsOnTheStepAndNanoffsMessage(string stepName, string text, string meaning, string next)
    {
        var request = new FlashRequest("ESP32_PSRAM_REV0", "COM3", "app.bin", new NanoThing.Cli.Commands.Bundle.BundleLayout("/b"), false, false, false, false);
        FlashStep step = FlashPlan.Steps(request).Single(s => s.Name == stepName);

        var (foundMeaning, foundNext) = NanoffErrors.Explain(step, "E2003", text);

        StringAssert.Contains(foundMeaning, meaning);
        StringAssert.Contains(foundNext, next);
    }

    [TestMethod]
    public void Table_EveryEntryHasAMeaningAndANextStep()
    {
        foreach (var (code, (meaning, next)) in NanoffErrors.Table)
        {
            StringAssert.Matches(code, new System.Text.RegularExpressions.Regex(@"^E\d{4}$"));
            Assert.IsTrue(meaning.Length > 10 && next.Length > 10, code);
        }
    }
}
