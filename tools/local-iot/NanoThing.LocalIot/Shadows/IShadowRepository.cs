namespace NanoThing.LocalIot.Shadows;

/// <summary>Where a <see cref="ShadowStore"/> keeps its shadows between runs.</summary>
public interface IShadowRepository
{
    /// <summary>
    /// Reads every stored shadow. Never throws for a bad file: each unreadable one is listed in
    /// <see cref="ShadowLoadResult.Failures"/> and left untouched on disk.
    /// </summary>
    ShadowLoadResult LoadAll();

    /// <summary>
    /// Stores <paramref name="record"/> durably and atomically (a reader sees the old or the new record,
    /// never a mix). Returns false with a sentence in <paramref name="error"/> when the disk refuses;
    /// the stored record is then unchanged.
    /// </summary>
    bool TrySave(ShadowId id, ShadowRecord record, out string? error);

    /// <summary>
    /// Stores several records (each of a different shadow) durably, each atomically, before returning: one
    /// error sentence per write (null = stored), in order. The default stores them one by one with
    /// <see cref="TrySave"/>; a repository that can make all of them durable with one flush overrides it.
    /// </summary>
    IReadOnlyList<string?> SaveAll(IReadOnlyList<ShadowWrite> writes)
    {
        var errors = new string?[writes.Count];
        for (int i = 0; i < writes.Count; i++)
        {
            errors[i] = TrySave(writes[i].Id, writes[i].Record, out var error) ? null : error ?? ("could not store shadow " + writes[i].Id);
        }

        return errors;
    }
}

/// <summary>One record to store for one shadow.</summary>
public readonly record struct ShadowWrite(ShadowId Id, ShadowRecord Record);

/// <summary>The outcome of <see cref="IShadowRepository.LoadAll"/>.</summary>
/// <param name="Records">Every shadow read successfully (including deleted ones, which keep their version).</param>
/// <param name="Failures">Every file that could not be read, with the reason.</param>
public sealed record ShadowLoadResult(IReadOnlyDictionary<ShadowId, ShadowRecord> Records, IReadOnlyList<ShadowLoadFailure> Failures);

/// <summary>A stored shadow that could not be read.</summary>
/// <param name="FilePath">The file.</param>
/// <param name="Id">The shadow the file name stands for, or null when the name itself is not one.</param>
/// <param name="Message">What is wrong and what to do, as a sentence.</param>
public sealed record ShadowLoadFailure(string FilePath, ShadowId? Id, string Message);
