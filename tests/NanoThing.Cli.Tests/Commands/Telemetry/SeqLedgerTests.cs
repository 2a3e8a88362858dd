using NanoThing.Cli.Commands.Telemetry;

namespace NanoThing.Cli.Tests.Commands.Telemetry;

/// <summary>The reader's per-boot account of seqs: next, duplicate, gap, late arrival, and a new boot where the board's
/// seq lease (1,000 numbers, NanoThing.Core TelemetrySequence) makes one.</summary>
[TestClass]
public sealed class SeqLedgerTests
{
    private static (List<SeqOutcome> Outcomes, SeqLedger Ledger) Observe(params long[] seqs)
    {
        var ledger = new SeqLedger();
        return (seqs.Select(ledger.Observe).ToList(), ledger);
    }

    [TestMethod]
    public void ContiguousSeqs_WithRedeliveries_AreOneCompleteBoot()
    {
        var (outcomes, ledger) = Observe(1, 2, 2, 3, 1, 4);

        CollectionAssert.AreEqual(new[] { SeqOutcome.Next, SeqOutcome.Next, SeqOutcome.Duplicate, SeqOutcome.Next, SeqOutcome.Duplicate, SeqOutcome.Next }, outcomes);
        Assert.AreEqual("boot 1 (seq 1-4): 4 record(s), complete, no gaps, 2 duplicate(s) ignored", ledger.Boots.Single().ToString());
    }

    [TestMethod]
    public void AGap_IsListed_UntilTheMissingSeqArrivesLate()
    {
        var (outcomes, ledger) = Observe(5, 6, 9, 7);

        CollectionAssert.AreEqual(new[] { SeqOutcome.Next, SeqOutcome.Next, SeqOutcome.AfterGap, SeqOutcome.Late }, outcomes);
        Assert.AreEqual("boot 1 (seq 5-9): 4 record(s), 1 missing: 8", ledger.Boots.Single().ToString());
        Assert.IsFalse(ledger.Boots.Single().Complete);
    }

    [TestMethod]
    public void AJumpToTheNextLease_StartsANewBoot()
    {
        var (outcomes, ledger) = Observe(1, 2, 3, 1001, 1002, 1002);

        Assert.AreEqual(SeqOutcome.NewBoot, outcomes[3]);
        Assert.AreEqual(2, ledger.Boots.Count);
        Assert.AreEqual("boot 1 (seq 1-3): 3 record(s), complete, no gaps", ledger.Boots[0].ToString());
        Assert.AreEqual("boot 2 (seq 1001-1002): 2 record(s), complete, no gaps, 1 duplicate(s) ignored", ledger.Boots[1].ToString());
    }

    [TestMethod]
    public void ABootStartTwoLeasesOn_AndAJumpOverALease_AreNewBoots_AndAShortJumpIsAGap()
    {
        Assert.AreEqual(SeqOutcome.NewBoot, Observe(1, 2001).Outcomes[1], "a boot that used more than one lease");
        Assert.AreEqual(SeqOutcome.NewBoot, Observe(17, 1500).Outcomes[1], "more than a lease ahead: the reader joined the earlier boot late");
        Assert.AreEqual(SeqOutcome.AfterGap, Observe(1, 500).Outcomes[1]);
    }

    [TestMethod]
    public void NothingReceived_NoBoots()
    {
        Assert.AreEqual(0, new SeqLedger().Boots.Count);
    }
}
