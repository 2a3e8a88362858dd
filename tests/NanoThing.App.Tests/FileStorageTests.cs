using NanoThing.Adapters;
using NanoThing.App.Tests.Support;

namespace NanoThing.App.Tests;

/// <summary>The app's I:\ storage adapter, run on real files in a temporary folder (System.IO has the same calls on .NET).</summary>
[TestClass]
public sealed class FileStorageTests
{
    private string _folder;
    private FileStorage _storage;
    private RecordingLog _log;

    [TestInitialize]
    public void CreateFolder()
    {
        _folder = Directory.CreateTempSubdirectory("nanothing-i-").FullName + Path.DirectorySeparatorChar;
        _log = new RecordingLog();
        _storage = new FileStorage(_folder, _log);
    }

    [TestCleanup]
    public void DeleteFolder()
    {
        Directory.Delete(_folder, recursive: true);
    }

    [TestMethod]
    public void WriteThenRead_ReturnsExactlyTheSlice_AndLeavesNoTemporaryFile()
    {
        Assert.IsTrue(_storage.Write("nanothing.json", "xx{\"a\":1}yy"u8.ToArray(), 2, 7));

        CollectionAssert.AreEqual("{\"a\":1}"u8.ToArray(), _storage.Read("nanothing.json"));
        CollectionAssert.AreEqual(new[] { "nanothing.json" }, FileNames());
    }

    [TestMethod]
    public void Write_ReplacesTheWholeBlob()
    {
        Assert.IsTrue(_storage.Write("reboot-reason.txt", "a much longer first reason"u8.ToArray(), 0, 26));
        Assert.IsTrue(_storage.Write("reboot-reason.txt", "short"u8.ToArray(), 0, 5));

        CollectionAssert.AreEqual("short"u8.ToArray(), _storage.Read("reboot-reason.txt"));
        CollectionAssert.AreEqual(new[] { "reboot-reason.txt" }, FileNames());
    }

    [TestMethod]
    public void Read_OfAMissingBlob_IsNull()
    {
        Assert.IsNull(_storage.Read("nanothing.json"));
    }

    [TestMethod]
    public void Read_FindsACompleteTemporaryFile_WhenAResetFellBetweenDeleteAndRename()
    {
        File.WriteAllBytes(_folder + "nanothing.json.tmp", "{\"b\":2}"u8.ToArray());

        CollectionAssert.AreEqual("{\"b\":2}"u8.ToArray(), _storage.Read("nanothing.json"));
    }

    [TestMethod]
    public void Read_PrefersTheBlobOverALeftoverTemporaryFile()
    {
        File.WriteAllBytes(_folder + "nanothing.json", "old"u8.ToArray());
        File.WriteAllBytes(_folder + "nanothing.json.tmp", "half-writ"u8.ToArray());

        CollectionAssert.AreEqual("old"u8.ToArray(), _storage.Read("nanothing.json"));
    }

    [TestMethod]
    public void Delete_RemovesTheBlobAndItsTemporaryFile()
    {
        Assert.IsTrue(_storage.Write("reboot-reason.txt", [1, 2], 0, 2));
        File.WriteAllBytes(_folder + "reboot-reason.txt.tmp", [3]);

        Assert.IsTrue(_storage.Delete("reboot-reason.txt"));

        Assert.IsNull(_storage.Read("reboot-reason.txt"));
        Assert.AreEqual(0, FileNames().Length);
        Assert.IsTrue(_storage.Delete("reboot-reason.txt"), "deleting what is not there succeeds");
    }

    [TestMethod]
    [DataRow("../escape.json")]
    [DataRow("/etc/passwd")]
    [DataRow("sub/dir.json")]
    [DataRow("sub\\dir.json")]
    [DataRow("I:\\nanothing.json")]
    [DataRow("")]
    [DataRow(".")]
    [DataRow("..")]
    [DataRow("a b")]
    [DataRow("ü.json")]
    [DataRow(null)]
    public void NamesThatAreNotPlainFileNames_AreRefusedWithoutTouchingTheDisk(string name)
    {
        Assert.IsFalse(FileStorage.IsPlainName(name));
        Assert.IsFalse(_storage.Write(name, [1], 0, 1));
        Assert.IsNull(_storage.Read(name));
        Assert.IsFalse(_storage.Delete(name));
        Assert.AreEqual(0, Directory.GetFileSystemEntries(_folder).Length);
    }

    [TestMethod]
    public void PlainNames_UpTo64Characters_AreAccepted()
    {
        Assert.IsTrue(FileStorage.IsPlainName("nanothing.json"));
        Assert.IsTrue(FileStorage.IsPlainName("reboot-reason_2.TXT"));
        Assert.IsTrue(FileStorage.IsPlainName(new string('a', 64)));
        Assert.IsFalse(FileStorage.IsPlainName(new string('a', 65)));
    }

    [TestMethod]
    [DataRow(-1, 1)]
    [DataRow(0, -1)]
    [DataRow(0, 4)]
    [DataRow(3, 1)]
    [DataRow(int.MaxValue, 1)]
    public void Write_OfARangeOutsideTheArray_IsRefusedAndWritesNothing(int offset, int length)
    {
        Assert.IsFalse(_storage.Write("x.bin", [1, 2, 3], offset, length));
        Assert.AreEqual(0, Directory.GetFileSystemEntries(_folder).Length);
    }

    [TestMethod]
    public void Write_OfNull_IsRefused()
    {
        Assert.IsFalse(_storage.Write("x.bin", null, 0, 0));
    }

    [TestMethod]
    public void Failures_AreReturned_NotThrown_WhenTheFolderIsGone()
    {
        string missing = _folder + "missing" + Path.DirectorySeparatorChar;
        var gone = new FileStorage(missing, _log);

        Assert.IsFalse(gone.Write("nanothing.json", [1], 0, 1));
        Assert.IsNull(gone.Read("nanothing.json"));
        Assert.IsTrue(gone.Delete("nanothing.json"), "nothing by that name remains");
        CollectionAssert.AreEqual(new[] { "W storage: writing " + missing + "nanothing.json failed (System.IO.DirectoryNotFoundException: " }, _log.Lines.Select(line => line[..(line.IndexOf("Exception: ") + 11)]).ToArray());
    }

    [TestMethod]
    public void CaughtFailures_AreLoggedWithTheOperationAndThePath_NeverTheContents()
    {
        Directory.CreateDirectory(_folder + "nanothing.json.tmp");

        Assert.IsFalse(_storage.Write("nanothing.json", "secret-contents"u8.ToArray(), 0, 15));

        Assert.AreEqual(1, _log.Lines.Count, _log.Text);
        StringAssert.StartsWith(_log.Lines[0], "W storage: writing " + _folder + "nanothing.json failed (System.");
        Assert.IsFalse(_log.Text.Contains("secret-contents"));
    }

    [TestMethod]
    public void Success_LogsNothing()
    {
        Assert.IsTrue(_storage.Write("a.txt", [1], 0, 1));
        Assert.IsNotNull(_storage.Read("a.txt"));
        Assert.IsTrue(_storage.Delete("a.txt"));
        Assert.AreEqual(0, _log.Lines.Count, _log.Text);
    }

    [TestMethod]
    public void Write_OfZeroBytes_StoresAnEmptyBlob()
    {
        Assert.IsTrue(_storage.Write("empty.txt", [9], 1, 0));
        CollectionAssert.AreEqual(Array.Empty<byte>(), _storage.Read("empty.txt"));
    }

    private string[] FileNames() => Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
}
