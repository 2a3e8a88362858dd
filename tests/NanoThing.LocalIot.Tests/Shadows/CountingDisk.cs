using NanoThing.LocalIot.Shadows;

namespace NanoThing.LocalIot.Tests.Shadows;

/// <summary>The real flushes, counted; the first file flush can be held until released, and one can be made to fail.</summary>
internal sealed class CountingDisk : IShadowDisk
{
    private readonly SemaphoreSlim release = new(0);
    private int holdNext;
    private int failNext;
    private int flushes;
    private int folderFlushes;

    public int Flushes => Volatile.Read(ref flushes);

    public int FolderFlushes => Volatile.Read(ref folderFlushes);

    public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void HoldNextFlush() => Volatile.Write(ref holdNext, 1);

    public void Release() => release.Release();

    public void FailNextFlush() => Volatile.Write(ref failNext, 1);

    public void Flush(FileStream file)
    {
        if (Interlocked.Exchange(ref failNext, 0) == 1)
        {
            throw new IOException("No space left on device (injected)");
        }

        if (Interlocked.Exchange(ref holdNext, 0) == 1)
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
