using NanoThing.Cli.Commands.Flash;

namespace NanoThing.Cli.Tests.Commands.Flash;

[TestClass]
public sealed class NanoffOutputTests
{
    [TestMethod]
    [DataRow("Error E4005: Failed to open specified COM port.\n", "E4005", "Failed to open specified COM port.")]
    [DataRow("banner\n\nError E2003: Error executing file deployment on nano device. (disk full)\r\n", "E2003", "Error executing file deployment on nano device. (disk full)")]
    [DataRow("Error E9000\n", "E9000", "")]
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
    public void Version_ReadsTheBanner()
    {
        Assert.AreEqual("2.5.162", NanoffOutput.Version(NanoffReplies.Banner()));
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
        }
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
