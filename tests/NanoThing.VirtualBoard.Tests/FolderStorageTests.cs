using NanoThing.VirtualBoard.Adapters;

namespace NanoThing.VirtualBoard.Tests;

[TestClass]
public sealed class FolderStorageTests
{
    [TestMethod]
    public void WritesAndReadsBlobsAtomicallyInTheFolder()
    {
        string folder = Directory.CreateTempSubdirectory("nanothing-flash-").FullName;
        try
        {
            var storage = new FolderStorage(folder);
            Assert.IsNull(storage.Read("nanothing.json"));
            byte[] data = "xx{\"a\":1}yy"u8.ToArray();
            Assert.IsTrue(storage.Write("nanothing.json", data, 2, 7));
            CollectionAssert.AreEqual("{\"a\":1}"u8.ToArray(), storage.Read("nanothing.json"));
            CollectionAssert.AreEqual(new[] { "nanothing.json" }, Directory.GetFiles(folder).Select(Path.GetFileName).ToArray(), "no temporary file left behind");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    [DataRow("../escape.json")]
    [DataRow("/etc/passwd")]
    [DataRow("sub/dir.json")]
    [DataRow(".hidden")]
    [DataRow("")]
    public void RefusesNamesThatAreNotPlainFileNames(string name)
    {
        var storage = new FolderStorage(Path.GetTempPath());
        Assert.IsFalse(storage.Write(name, [1], 0, 1));
        Assert.IsNull(storage.Read(name));
    }
}
