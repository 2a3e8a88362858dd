using NanoThing.Core.Telemetry;

namespace NanoThing.Cli.Commands.Telemetry;

/// <summary>What <see cref="SeqLedger.Observe"/> made of a seq.</summary>
public enum SeqOutcome
{
    /// <summary>The next seq of the current boot.</summary>
    Next,
    /// <summary>A seq already received (a QoS 1 redelivery): counted, not shown again.</summary>
    Duplicate,
    /// <summary>The first seq of a new boot (the board skipped to its next seq lease at boot).</summary>
    NewBoot,
    /// <summary>A seq after a gap in the current boot: the numbers between are missing (so far).</summary>
    AfterGap,
    /// <summary>A seq below the highest of the boot that fills an earlier gap (arrived out of order).</summary>
    Late,
}

/// <summary>One boot's account: its seqs from <see cref="First"/> to <see cref="Highest"/>, how many arrived,
/// how many were repeated, and which are missing.</summary>
public sealed record BootAccount(int Number, long First, long Highest, int Received, int Duplicates, IReadOnlyList<long> Missing)
{
    /// <summary>True when every seq from <see cref="First"/> to <see cref="Highest"/> arrived.</summary>
    public bool Complete => Missing.Count == 0;

    /// <summary>"boot 1 (seq 1-57): 57 records, complete, 3 duplicates ignored" or "... 2 missing: 13, 14".</summary>
    public override string ToString() =>
        "boot " + Number + " (seq " + First + "-" + Highest + "): " + Received + " record(s), "
        + (Complete ? "complete, no gaps" : Missing.Count + " missing: " + string.Join(", ", Missing.Take(20)) + (Missing.Count > 20 ? ", …" : ""))
        + (Duplicates > 0 ? ", " + Duplicates + " duplicate(s) ignored" : "");
}

/// <summary>
/// Accounts for the seqs a reader receives, per boot of the board. Within a boot the board numbers records without gaps
/// (NanoThing.Core TelemetrySequence); at boot it continues from its stored lease, which lies a multiple of
/// <see cref="TelemetrySequence.LeaseSize"/> after the previous boot's first seq. So a jump forward to
/// first + k x LeaseSize starts a new boot, and so does a jump of more than LeaseSize (a boot the reader did not see
/// from its start); any other jump is a gap (records lost, or not arrived yet). The first boot is counted from the
/// first seq received, so a reader started while the board runs may take the board's next boot for a gap of under
/// LeaseSize seqs; start the reader before the board for an exact account. Not thread-safe.
/// </summary>
public sealed class SeqLedger
{
    private readonly List<BootAccount> closed = [];
    private readonly HashSet<long> seen = [];
    private readonly SortedSet<long> missing = [];
    private long first, highest;
    private int received, duplicates, boots;

    /// <summary>The boots received so far, the current one last (empty before the first seq).</summary>
    public IReadOnlyList<BootAccount> Boots => boots == 0 ? [] : [.. closed, Current()];

    /// <summary>Records one received seq and says what it was.</summary>
    public SeqOutcome Observe(long seq)
    {
        if (!seen.Add(seq))
        {
            duplicates++;
            return SeqOutcome.Duplicate;
        }

        if (boots == 0 || (seq > highest + 1 && ((seq - first) % TelemetrySequence.LeaseSize == 0 || seq - highest > TelemetrySequence.LeaseSize)))
        {
            if (boots > 0)
            {
                closed.Add(Current());
            }

            boots++;
            first = highest = seq;
            received = 1;
            duplicates = 0;
            missing.Clear();
            return boots == 1 ? SeqOutcome.Next : SeqOutcome.NewBoot;
        }

        received++;
        if (seq == highest + 1)
        {
            highest = seq;
            return SeqOutcome.Next;
        }

        if (seq > highest)
        {
            for (long gap = highest + 1; gap < seq; gap++)
            {
                missing.Add(gap);
            }

            highest = seq;
            return SeqOutcome.AfterGap;
        }

        missing.Remove(seq);
        return SeqOutcome.Late;
    }

    private BootAccount Current() => new(boots, first, highest, received, duplicates, [.. missing]);
}
