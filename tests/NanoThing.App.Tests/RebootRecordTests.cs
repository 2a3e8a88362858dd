using NanoThing.Adapters;
using NanoThing.App.Tests.Support;
using NanoThing.Boot;

namespace NanoThing.App.Tests;

/// <summary>The reset reason the app reports after boot, kept across a reboot in a file of its storage.</summary>
[TestClass]
public sealed class RebootRecordTests
{
    private const int NotAWake = 0;
    private const int TimerWake = 4;

    private string _folder;
    private RebootRecord _record;

    [TestInitialize]
    public void CreateFolder()
    {
        _folder = Directory.CreateTempSubdirectory("nanothing-reboot-").FullName + Path.DirectorySeparatorChar;
        _record = new RebootRecord(new FileStorage(_folder, new RecordingLog()));
    }

    [TestCleanup]
    public void DeleteFolder()
    {
        Directory.Delete(_folder, recursive: true);
    }

    [TestMethod]
    public void WithoutARecord_TheRestartIsExternal()
    {
        Assert.AreEqual("external", _record.TakeLastReason(NotAWake));
    }

    [TestMethod]
    public void ASavedReason_IsTakenOnce_WithTheAppPrefix()
    {
        Assert.IsTrue(_record.Save("agentFailed:System.NullReferenceException"));

        Assert.AreEqual("app:agentFailed:System.NullReferenceException", _record.TakeLastReason(NotAWake));
        Assert.AreEqual("external", _record.TakeLastReason(NotAWake), "the next external reset must not repeat the old reason");
        Assert.IsFalse(File.Exists(_folder + RebootRecord.BlobName));
    }

    [TestMethod]
    public void AWakeFromDeepSleep_IsReportedWithItsCause()
    {
        Assert.AreEqual("deepSleep:4", _record.TakeLastReason(TimerWake));
    }

    [TestMethod]
    public void TheAppsOwnReboot_WinsOverTheWakeCause()
    {
        _record.Save("agentReturned");

        Assert.AreEqual("app:agentReturned", _record.TakeLastReason(TimerWake));
    }

    [TestMethod]
    public void ALongReason_IsCut()
    {
        _record.Save(new string('x', 200));

        Assert.AreEqual("app:" + new string('x', RebootRecord.MaximumReasonLength), _record.TakeLastReason(NotAWake));
    }

    [TestMethod]
    public void AnEmptyRecord_CountsAsExternal_AndIsRemoved()
    {
        File.WriteAllBytes(_folder + RebootRecord.BlobName, []);

        Assert.AreEqual("external", _record.TakeLastReason(NotAWake));
        Assert.IsFalse(File.Exists(_folder + RebootRecord.BlobName));
    }

    [TestMethod]
    public void Save_ReportsAStorageThatCannotBeWritten()
    {
        var unwritable = new RebootRecord(new FileStorage(_folder + "missing" + Path.DirectorySeparatorChar, new RecordingLog()));

        Assert.IsFalse(unwritable.Save("agentReturned"));
        Assert.AreEqual("external", unwritable.TakeLastReason(NotAWake));
    }
}
