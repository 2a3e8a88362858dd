namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// Makes one shadow service the only writer of a data folder: an exclusive lock on <c>.lock</c> in it,
/// held until disposed (released by the OS if the process dies). A second service on the same folder would
/// serve stale copies and overwrite the first one's updates.
/// </summary>
public sealed class ShadowFolderLock : IDisposable
{
    /// <summary>The lock file's name inside the data folder.</summary>
    public const string FileName = ".lock";

    private readonly FileStream stream;

    private ShadowFolderLock(FileStream stream) => this.stream = stream;

    /// <summary>
    /// Creates <paramref name="folder"/> when missing and locks it. False with a sentence naming the folder
    /// when another service holds it or the folder cannot be written.
    /// </summary>
    public static bool TryAcquire(string folder, out ShadowFolderLock? folderLock, out string error)
    {
        folderLock = null;
        var path = Path.Combine(Path.GetFullPath(folder), FileName);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            folderLock = new ShadowFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            error = "";
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = "The shadow folder " + Path.GetDirectoryName(path) + " is in use by another shadow service or cannot be written ("
                + e.Message + "); stop the other one (`nanothing local stop`) or use another data folder.";
            return false;
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => stream.Dispose();
}
