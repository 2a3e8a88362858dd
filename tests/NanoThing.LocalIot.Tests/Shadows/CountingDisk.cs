using NanoThing.LocalIot.Shadows;

namespace NanoThing.LocalIot.Tests.Shadows;

/// <summary>The real flushes, counted; the next file flush (or the next of a given file) can be held until released, and one can be made to fail.</summary>
internal sealed class CountingDisk : IShadowDisk
{
    private readonly SemaphoreSlim release = new(0);
    private int holdNext;
    private string? holdFileName;
    private int failNext;
    private int flushes;
    private int folderFlushes;

    public int Flushes => Volatile.Read(ref flushes);

    public int FolderFlushes => Volatile.Read(ref folderFlushes);

    public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void HoldNextFlush() => Volatile.Write(ref holdNext, 1);

    /// <summary>Holds the next flush of a file whose name starts with <paramref name="fileNamePrefix"/> (other flushes go on).</summary>
    public void HoldNextFlushOf(string fileNamePrefix) => Volatile.Write(ref holdFileName, fileNamePrefix);

    public void Release() => release.Release();

    public void FailNextFlush() => Volatile.Write(ref failNext, 1);

    public void Flush(FileStream file)
    {
        if (Interlocked.Exchange(ref failNext, 0) == 1)
        {
            throw new IOException("No space left on device (injected)");
        }

        string? prefix = Volatile.Read(ref holdFileName);
        bool named = prefix is not null && Path.GetFileName(file.Name).StartsWith(prefix, StringComparison.Ordinal)
            && Interlocked.CompareExchange(ref holdFileName, null, prefix) == prefix;
        if (named || Interlocked.Exchange(ref holdNext, 0) == 1)
        {
            Holding.TrySetResult();
            Assert.IsTrue(release.Wait(TimeSpan.FromSeconds(30)), "the test never released the held flush");
        }

        ShadowDisk.Instance.Flush(file);
        Interlocked.Increment(ref flushes);
    }

    public void FlushFolder(string folder)
    {
        ShadowDisk.Instance.FlushFolder(folder);
        Interlocked.Increment(ref folderFlushes);
    }
}
