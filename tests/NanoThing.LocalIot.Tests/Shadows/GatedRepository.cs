using NanoThing.LocalIot.Shadows;

namespace NanoThing.LocalIot.Tests.Shadows;

/// <summary>
/// An in-memory repository that records every <see cref="IShadowRepository.SaveAll"/> batch and can hold the first
/// one until released (a slow disk, deterministically) or refuse one (a full disk).
/// </summary>
internal sealed class GatedRepository : IShadowRepository
{
    private readonly SemaphoreSlim release = new(0);
    private readonly List<List<ShadowId>> batches = [];
    private int holdFirst;

    /// <summary>Completed when the held batch has started to be stored.</summary>
    public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The ids of each stored batch, in order.</summary>
    public IReadOnlyList<IReadOnlyList<ShadowId>> Batches
    {
        get
        {
            lock (batches)
            {
                return batches.Select(b => (IReadOnlyList<ShadowId>)b.ToList()).ToList();
            }
        }
    }

    /// <summary>The next batch stays in SaveAll until <see cref="Release"/>.</summary>
    public void HoldNextBatch() => Volatile.Write(ref holdFirst, 1);

    public void Release() => release.Release();

    /// <summary>The next batch is refused with this error.</summary>
    public string? RefuseNext { get; set; }

    public ShadowLoadResult LoadAll() => new(new Dictionary<ShadowId, ShadowRecord>(), []);

    public bool TrySave(ShadowId id, ShadowRecord record, out string? error) =>
        throw new AssertFailedException("the committer must store through SaveAll only");

    public IReadOnlyList<string?> SaveAll(IReadOnlyList<ShadowWrite> writes)
    {
        if (Interlocked.Exchange(ref holdFirst, 0) == 1)
        {
            Holding.TrySetResult();
            Assert.IsTrue(release.Wait(TimeSpan.FromSeconds(30)), "the test never released the held batch");
        }

        if (RefuseNext is { } refusal)
        {
            RefuseNext = null;
            return writes.Select(_ => (string?)refusal).ToList();
        }

        lock (batches)
        {
            batches.Add(writes.Select(w => w.Id).ToList());
        }

        return new string?[writes.Count];
    }
}
