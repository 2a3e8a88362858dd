using System.Text;
using NanoThing.LocalIot.Shadows;

namespace NanoThing.LocalIot.Tests.Shadows;

/// <summary>The other parsers (topics, file names, stored files) answer false for any input, never throw.</summary>
[TestClass]
public sealed class ShadowParsersNeverThrowTests
{
    private const string StoredFile =
        """{"format":1,"thing":"t","shadow":"","version":3,"exists":true,"deletedAt":null,"state":{"desired":{"a":[1,{"b":2}]},"reported":{}},"metadata":{"desired":{"a":[{"timestamp":1},{"b":{"timestamp":1}}]},"reported":{}}}""";

    [TestMethod]
    public void StoredFile_Truncated_Mutated_OrRandom_IsRefusedWithAReason()
    {
        var id = ShadowId.Classic("t");
        var full = Encoding.UTF8.GetBytes(StoredFile);
        Assert.IsTrue(ShadowRecordFile.TryRead(id, full, out _, out _));
        for (var length = 0; length < full.Length; length++)
        {
            Assert.IsFalse(ShadowRecordFile.TryRead(id, full[..length], out _, out var reason));
            Assert.AreNotEqual("", reason);
        }

        var random = new Random(7);
        const string swaps = "[]{}\":,0-1nult";
        for (var i = 0; i < 5000; i++)
        {
            var mutated = StoredFile.ToCharArray();
            mutated[random.Next(mutated.Length)] = swaps[random.Next(swaps.Length)];
            ShadowRecordFile.TryRead(id, Encoding.UTF8.GetBytes(mutated), out _, out _);
            var bytes = new byte[random.Next(0, 40)];
            random.NextBytes(bytes);
            ShadowRecordFile.TryRead(id, bytes, out _, out _);
        }

        // a section of the wrong kind (array where an object belongs) is a refusal, not an exception
        Assert.IsFalse(ShadowRecordFile.TryRead(id, Encoding.UTF8.GetBytes(StoredFile.Replace("\"state\":{\"desired\":{\"a\":[1,{\"b\":2}]},\"reported\":{}}", "\"state\":[1]")), out _, out _));
        Assert.IsFalse(ShadowRecordFile.TryRead(id, Encoding.UTF8.GetBytes(StoredFile.Replace("\"metadata\":{", "\"metadata\":[{").Replace("}}}}", "}}]}")), out _, out _));
    }

    [TestMethod]
    public void TopicsAndFileNames_RandomText_NeverThrow()
    {
        var random = new Random(11);
        const string alphabet = "$aws/things+#shadownamegetupdatedelete~%:_-.json\u00e9\0 ";
        for (var i = 0; i < 20000; i++)
        {
            var text = new StringBuilder();
            for (var j = random.Next(0, 60); j > 0; j--)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }

            ShadowTopics.TryParseRequest(text.ToString(), out _, out _);
            ShadowTopics.TryParseRequest("$aws/things/" + text, out _, out _);
            ShadowFileName.TryParse(text.ToString(), out _);
            ShadowFileName.TryParse(text + ".json", out _);
        }
    }
}
