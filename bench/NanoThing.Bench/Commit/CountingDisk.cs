using NanoThing.LocalIot.Shadows;

namespace NanoThing.Bench.Commit;

/// <summary>The real disk's flushes (fsync of files and of the folder), counted.</summary>
internal sealed class CountingDisk : IShadowDisk
{
    private long flushes;

    public long Flushes => Interlocked.Read(ref flushes);

    public void Flush(FileStream file)
    {
        ShadowDisk.Instance.Flush(file);
        Interlocked.Increment(ref flushes);
    }

    public void FlushFolder(string folder)
    {
        ShadowDisk.Instance.FlushFolder(folder);
        Interlocked.Increment(ref flushes);
    }
}
