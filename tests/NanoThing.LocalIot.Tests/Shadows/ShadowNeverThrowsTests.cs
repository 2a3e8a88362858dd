using System.Text;
using NanoThing.LocalIot.Shadows;

namespace NanoThing.LocalIot.Tests.Shadows;

/// <summary>Any payload on any operation gets a reply and never an exception (truncated, deep, huge, random).</summary>
[TestClass]
public sealed class ShadowNeverThrowsTests
{
    private static readonly ShadowOperation[] Operations = [ShadowOperation.Update, ShadowOperation.Get, ShadowOperation.Delete];

    private static void SendEverywhere(ShadowStore store, byte[] payload)
    {
        foreach (var operation in Operations)
        {
            var responses = store.Handle(ShadowId.Classic("fuzz"), operation, payload);
            Assert.IsNotEmpty(responses, "no reply for " + operation);
        }
    }

    [TestMethod]
    public void TruncatedValidDocuments_NeverThrow()
    {
        var store = new ShadowStore(new ManualTimeProvider(1));
        var full = Encoding.UTF8.GetBytes("""{"state":{"desired":{"a":{"b":[1,2,{"c":"ü"}]},"n":null},"reported":{"x":1.5e3}},"clientToken":"t","version":3}""");
        for (var length = 0; length <= full.Length; length++)
        {
            SendEverywhere(store, full[..length]);
        }
    }

    [TestMethod]
    public void DeepAndHugeDocuments_NeverThrow()
    {
        var store = new ShadowStore(new ManualTimeProvider(1));
        SendEverywhere(store, Encoding.ASCII.GetBytes(new string('[', 200_000)));
        SendEverywhere(store, Encoding.ASCII.GetBytes("{\"state\":{\"reported\":" + new string('[', 1000) + new string(']', 1000) + "}}"));
        SendEverywhere(store, Encoding.ASCII.GetBytes("{\"state\":{\"reported\":{\"a\":\"" + new string('x', 120_000) + "\"}}}"));
        SendEverywhere(store, new byte[1_000_000]);
    }

    [TestMethod]
    public void RandomBytesAndRandomJsonishText_NeverThrow()
    {
        var store = new ShadowStore(new ManualTimeProvider(1));
        var random = new Random(4242);
        const string alphabet = "{}[]\":,0123456789.-eE truefalsn\\ustatedesiredreportedversionclientToken\u00e9\uD83D\uDE00";
        for (var i = 0; i < 3000; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            SendEverywhere(store, bytes);

            var text = new StringBuilder("{\"state\":");
            for (var j = random.Next(0, 40); j > 0; j--)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }

            SendEverywhere(store, Encoding.UTF8.GetBytes(text.ToString()));
        }
    }
}
