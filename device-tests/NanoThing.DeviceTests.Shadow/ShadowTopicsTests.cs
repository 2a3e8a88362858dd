using NanoThing.Core.Shadow;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Shadow
{
    /// <summary>Every reserved topic as a literal, classic and named, built and matched; plus a bank of malformed topics.</summary>
    [TestClass]
    public class ShadowTopicsTests
    {
        [DataRow((int)ShadowTopicType.Get, "$aws/things/TestThing/shadow/get")]
        [DataRow((int)ShadowTopicType.GetAccepted, "$aws/things/TestThing/shadow/get/accepted")]
        [DataRow((int)ShadowTopicType.GetRejected, "$aws/things/TestThing/shadow/get/rejected")]
        [DataRow((int)ShadowTopicType.Update, "$aws/things/TestThing/shadow/update")]
        [DataRow((int)ShadowTopicType.UpdateAccepted, "$aws/things/TestThing/shadow/update/accepted")]
        [DataRow((int)ShadowTopicType.UpdateRejected, "$aws/things/TestThing/shadow/update/rejected")]
        [DataRow((int)ShadowTopicType.UpdateDelta, "$aws/things/TestThing/shadow/update/delta")]
        [DataRow((int)ShadowTopicType.UpdateDocuments, "$aws/things/TestThing/shadow/update/documents")]
        [DataRow((int)ShadowTopicType.Delete, "$aws/things/TestThing/shadow/delete")]
        [DataRow((int)ShadowTopicType.DeleteAccepted, "$aws/things/TestThing/shadow/delete/accepted")]
        [DataRow((int)ShadowTopicType.DeleteRejected, "$aws/things/TestThing/shadow/delete/rejected")]
        public void BuildsAndMatchesClassicTopics(int typeValue, string expected)
        {
            ShadowTopicType type = (ShadowTopicType)typeValue; // DataRow carries the int: MetadataProcessor cannot encode enums
            string topic;
            Assert.AreEqual(ShadowTopicStatus.Ok, ShadowTopics.TryBuild(type, "TestThing", null, out topic));
            Assert.AreEqual(expected, topic);
            Assert.AreEqual(ShadowTopicStatus.Ok, ShadowTopics.TryBuild(type, "TestThing", "", out topic));
            Assert.AreEqual(expected, topic);
            AssertMatches(expected, type, "TestThing", "");
        }

        [DataRow((int)ShadowTopicType.Get, "$aws/things/TestThing/shadow/name/config-1/get")]
        [DataRow((int)ShadowTopicType.GetAccepted, "$aws/things/TestThing/shadow/name/config-1/get/accepted")]
        [DataRow((int)ShadowTopicType.GetRejected, "$aws/things/TestThing/shadow/name/config-1/get/rejected")]
        [DataRow((int)ShadowTopicType.Update, "$aws/things/TestThing/shadow/name/config-1/update")]
        [DataRow((int)ShadowTopicType.UpdateAccepted, "$aws/things/TestThing/shadow/name/config-1/update/accepted")]
        [DataRow((int)ShadowTopicType.UpdateRejected, "$aws/things/TestThing/shadow/name/config-1/update/rejected")]
        [DataRow((int)ShadowTopicType.UpdateDelta, "$aws/things/TestThing/shadow/name/config-1/update/delta")]
        [DataRow((int)ShadowTopicType.UpdateDocuments, "$aws/things/TestThing/shadow/name/config-1/update/documents")]
        [DataRow((int)ShadowTopicType.Delete, "$aws/things/TestThing/shadow/name/config-1/delete")]
        [DataRow((int)ShadowTopicType.DeleteAccepted, "$aws/things/TestThing/shadow/name/config-1/delete/accepted")]
        [DataRow((int)ShadowTopicType.DeleteRejected, "$aws/things/TestThing/shadow/name/config-1/delete/rejected")]
        public void BuildsAndMatchesNamedTopics(int typeValue, string expected)
        {
            ShadowTopicType type = (ShadowTopicType)typeValue; // DataRow carries the int: MetadataProcessor cannot encode enums
            string topic;
            Assert.AreEqual(ShadowTopicStatus.Ok, ShadowTopics.TryBuild(type, "TestThing", "config-1", out topic));
            Assert.AreEqual(expected, topic);
            AssertMatches(expected, type, "TestThing", "config-1");
        }

        private static void AssertMatches(string topic, ShadowTopicType type, string thing, string shadow)
        {
            ShadowTopicType matched;
            int thingStart, thingLength, shadowStart, shadowLength;
            Assert.AreEqual(ShadowTopicStatus.Ok, ShadowTopics.Match(topic, out matched, out thingStart, out thingLength, out shadowStart, out shadowLength));
            Assert.AreEqual(type, matched);
            Assert.AreEqual(thing, topic.Substring(thingStart, thingLength));
            Assert.AreEqual(shadow, topic.Substring(shadowStart, shadowLength));
        }

        [DataRow("", (int)ShadowTopicStatus.NotShadowTopic)]
        [DataRow("$aws/jobs/TestThing/get", (int)ShadowTopicStatus.NotShadowTopic)]
        [DataRow("$AWS/things/TestThing/shadow/get", (int)ShadowTopicStatus.NotShadowTopic)]
        [DataRow("aws/things/TestThing/shadow/get", (int)ShadowTopicStatus.NotShadowTopic)]
        [DataRow("$aws/things", (int)ShadowTopicStatus.NotShadowTopic)]
        [DataRow("$aws/things//shadow/get", (int)ShadowTopicStatus.InvalidThingName)]
        [DataRow("$aws/things/", (int)ShadowTopicStatus.InvalidThingName)]
        [DataRow("$aws/things/Test Thing/shadow/get", (int)ShadowTopicStatus.InvalidThingName)]
        [DataRow("$aws/things/Test$Thing/shadow/get", (int)ShadowTopicStatus.InvalidThingName)]
        [DataRow("$aws/things/Test+/shadow/get", (int)ShadowTopicStatus.InvalidThingName)]
        [DataRow("$aws/things/#", (int)ShadowTopicStatus.InvalidThingName)]
        [DataRow("$aws/things/TestThing", (int)ShadowTopicStatus.NotShadowRoot)]
        [DataRow("$aws/things/TestThing/", (int)ShadowTopicStatus.NotShadowRoot)]
        [DataRow("$aws/things/TestThing/shadows/get", (int)ShadowTopicStatus.NotShadowRoot)]
        [DataRow("$aws/things/TestThing/Shadow/get", (int)ShadowTopicStatus.NotShadowRoot)]
        [DataRow("$aws/things/TestThing/jobs/get", (int)ShadowTopicStatus.NotShadowRoot)]
        [DataRow("$aws/things/TestThing/shadow", (int)ShadowTopicStatus.UnknownMessageType)]
        [DataRow("$aws/things/TestThing/shadow/", (int)ShadowTopicStatus.UnknownMessageType)]
        [DataRow("$aws/things/TestThing/shadow/get/", (int)ShadowTopicStatus.UnknownMessageType)]
        [DataRow("$aws/things/TestThing/shadow/get/rejected/gibberish", (int)ShadowTopicStatus.UnknownMessageType)]
        [DataRow("$aws/things/TestThing/shadow/get/delta", (int)ShadowTopicStatus.UnknownMessageType)]
        [DataRow("$aws/things/TestThing/shadow/update/Accepted", (int)ShadowTopicStatus.UnknownMessageType)]
        [DataRow("$aws/things/TestThing/shadow/update/acceptedx", (int)ShadowTopicStatus.UnknownMessageType)]
        [DataRow("$aws/things/TestThing/shadow/delete/delta", (int)ShadowTopicStatus.UnknownMessageType)]
        [DataRow("$aws/things/TestThing/shadow/#", (int)ShadowTopicStatus.UnknownMessageType)]
        [DataRow("$aws/things/TestThing/shadow/name", (int)ShadowTopicStatus.UnknownMessageType)]
        [DataRow("$aws/things/TestThing/shadow/name/", (int)ShadowTopicStatus.InvalidShadowName)]
        [DataRow("$aws/things/TestThing/shadow/name//get", (int)ShadowTopicStatus.InvalidShadowName)]
        [DataRow("$aws/things/TestThing/shadow/name/a.b/get", (int)ShadowTopicStatus.InvalidShadowName)]
        [DataRow("$aws/things/TestThing/shadow/name/+/get", (int)ShadowTopicStatus.InvalidShadowName)]
        [DataRow("$aws/things/TestThing/shadow/name/cfg", (int)ShadowTopicStatus.UnknownMessageType)]
        [DataRow("$aws/things/TestThing/shadow/name/cfg/update/delta/x", (int)ShadowTopicStatus.TopicTooLong)]
        [DataRow("$aws/things/TestThing/shadow/name/cfg/get/accepted/", (int)ShadowTopicStatus.TopicTooLong)]
        public void RejectsMalformedTopics(string topic, int expectedValue)
        {
            AssertRejected(topic, (ShadowTopicStatus)expectedValue); // DataRow carries the int: MetadataProcessor cannot encode enums
        }

        /// <summary>The null case as a method of its own: MetadataProcessor cannot encode a null DataRow argument.</summary>
        [TestMethod]
        public void RejectsANullTopic()
        {
            AssertRejected(null, ShadowTopicStatus.BadParameter);
        }

        private static void AssertRejected(string topic, ShadowTopicStatus expected)
        {
            ShadowTopicType type;
            int thingStart, thingLength, shadowStart, shadowLength;
            Assert.AreEqual(expected, ShadowTopics.Match(topic, out type, out thingStart, out thingLength, out shadowStart, out shadowLength));
            Assert.AreEqual(ShadowTopicType.None, type);
            Assert.AreEqual(0, thingLength);
            Assert.AreEqual(0, shadowLength);
        }

        [TestMethod]
        public void AcceptsDollarInShadowNamesOnly()
        {
            string topic;
            Assert.AreEqual(ShadowTopicStatus.Ok, ShadowTopics.TryBuild(ShadowTopicType.Update, "T", "$pkg", out topic));
            Assert.AreEqual("$aws/things/T/shadow/name/$pkg/update", topic);
            Assert.AreEqual(ShadowTopicStatus.InvalidThingName, ShadowTopics.TryBuild(ShadowTopicType.Update, "$T", null, out topic));
            Assert.IsNull(topic);
        }

        [TestMethod]
        public void EnforcesNameLengthsAndCharacters()
        {
            string thing128 = new string('a', 128);
            string shadow64 = new string('b', 64);
            string topic;
            Assert.AreEqual(ShadowTopicStatus.Ok, ShadowTopics.TryBuild(ShadowTopicType.UpdateDocuments, thing128, shadow64, out topic));
            Assert.IsTrue(topic.Length <= ShadowTopics.MaxTopicLength, "the longest topic fits the AWS limit");
            ShadowTopicType type;
            int thingStart, thingLength, shadowStart, shadowLength;
            Assert.AreEqual(ShadowTopicStatus.Ok, ShadowTopics.Match(topic, out type, out thingStart, out thingLength, out shadowStart, out shadowLength));
            Assert.AreEqual(128, thingLength);
            Assert.AreEqual(64, shadowLength);

            Assert.AreEqual(ShadowTopicStatus.InvalidThingName, ShadowTopics.TryBuild(ShadowTopicType.Get, thing128 + "a", null, out topic));
            Assert.AreEqual(ShadowTopicStatus.InvalidShadowName, ShadowTopics.TryBuild(ShadowTopicType.Get, "t", shadow64 + "b", out topic));
            Assert.AreEqual(ShadowTopicStatus.InvalidThingName, ShadowTopics.TryBuild(ShadowTopicType.Get, "", null, out topic));
            Assert.AreEqual(ShadowTopicStatus.InvalidThingName, ShadowTopics.TryBuild(ShadowTopicType.Get, null, null, out topic));
            Assert.AreEqual(ShadowTopicStatus.InvalidThingName, ShadowTopics.TryBuild(ShadowTopicType.Get, "a/b", null, out topic));
            Assert.AreEqual(ShadowTopicStatus.InvalidShadowName, ShadowTopics.TryBuild(ShadowTopicType.Get, "t", "x/get", out topic));
            Assert.AreEqual(ShadowTopicStatus.InvalidThingName, ShadowTopics.TryBuild(ShadowTopicType.Get, "th\u00e9", null, out topic));
            Assert.AreEqual(ShadowTopicStatus.BadParameter, ShadowTopics.TryBuild(ShadowTopicType.None, "t", null, out topic));
            Assert.AreEqual(ShadowTopicStatus.BadParameter, ShadowTopics.TryBuild((ShadowTopicType)99, "t", null, out topic));
            Assert.AreEqual(ShadowTopicStatus.Ok, ShadowTopics.TryBuild(ShadowTopicType.Get, "AZaz09:_-", "AZaz09:_-$", out topic));

            Assert.AreEqual(ShadowTopicStatus.Ok, ShadowTopics.ValidateThingName("kitchen-1"));
            Assert.AreEqual(ShadowTopicStatus.Ok, ShadowTopics.ValidateShadowName(null));
            Assert.AreEqual(ShadowTopicStatus.InvalidShadowName, ShadowTopics.ValidateShadowName("a b"));
        }

        [TestMethod]
        public void MatchRefusesTopicsBeyondTheAwsLimits()
        {
            ShadowTopicType type;
            int thingStart, thingLength, shadowStart, shadowLength;
            string tooLong = "$aws/things/" + new string('a', 250) + "/shadow/get";
            Assert.AreEqual(ShadowTopicStatus.TopicTooLong, ShadowTopics.Match(tooLong, out type, out thingStart, out thingLength, out shadowStart, out shadowLength));
            string longThing = "$aws/things/" + new string('a', 129) + "/shadow/get";
            Assert.AreEqual(ShadowTopicStatus.InvalidThingName, ShadowTopics.Match(longThing, out type, out thingStart, out thingLength, out shadowStart, out shadowLength));
            string longShadow = "$aws/things/t/shadow/name/" + new string('a', 65) + "/get";
            Assert.AreEqual(ShadowTopicStatus.InvalidShadowName, ShadowTopics.Match(longShadow, out type, out thingStart, out thingLength, out shadowStart, out shadowLength));
        }

        [TestMethod]
        public void ClassifiesRequestTopics()
        {
            Assert.IsTrue(ShadowTopics.IsRequest(ShadowTopicType.Get));
            Assert.IsTrue(ShadowTopics.IsRequest(ShadowTopicType.Update));
            Assert.IsTrue(ShadowTopics.IsRequest(ShadowTopicType.Delete));
            Assert.IsFalse(ShadowTopics.IsRequest(ShadowTopicType.UpdateDelta));
            Assert.IsFalse(ShadowTopics.IsRequest(ShadowTopicType.None));
            Assert.AreEqual("/update/delta", ShadowTopics.SuffixOf(ShadowTopicType.UpdateDelta));
            Assert.IsNull(ShadowTopics.SuffixOf(ShadowTopicType.None));
        }

        [TestMethod]
        public void AnyTopicNeverThrows()
        {
            SeededRandom random = new SeededRandom(2026);
            string[] pieces = new string[] { "$aws/things/", "T", "/shadow", "/name/", "S", "/get", "/update", "/delete", "/accepted", "/rejected", "/delta", "/documents", "/", "$", "#", "+", "a", "" };
            char[] chars = new char[300];
            int matched = 0;
            for (int i = 0; i < 6000; i++)
            {
                string topic;
                if (i % 3 == 0)
                {
                    topic = "$aws/things/" + pieces[1 + random.Next(3)] + "/shadow"
                        + (random.Next(2) == 0 ? "" : "/name/" + pieces[4 + random.Next(3)])
                        + pieces[5 + random.Next(3)] + (random.Next(2) == 0 ? "" : pieces[8 + random.Next(5)]);
                }
                else if (i % 3 == 1)
                {
                    topic = "";
                    int count = random.Next(8);
                    for (int k = 0; k < count; k++)
                    {
                        topic = topic + pieces[random.Next(pieces.Length)];
                    }
                }
                else
                {
                    int length = random.Next(chars.Length);
                    for (int k = 0; k < length; k++)
                    {
                        chars[k] = (char)(32 + random.Next(95));
                    }

                    topic = new string(chars, 0, length);
                }

                ShadowTopicType type;
                int thingStart, thingLength, shadowStart, shadowLength;
                ShadowTopicStatus status = ShadowTopics.Match(topic, out type, out thingStart, out thingLength, out shadowStart, out shadowLength);
                if (status == ShadowTopicStatus.Ok)
                {
                    matched++;
                    string rebuilt;
                    string shadow = shadowLength == 0 ? null : topic.Substring(shadowStart, shadowLength);
                    Assert.AreEqual(ShadowTopicStatus.Ok, ShadowTopics.TryBuild(type, topic.Substring(thingStart, thingLength), shadow, out rebuilt));
                    Assert.AreEqual(topic, rebuilt, "a matched topic rebuilds to itself");
                }
                else
                {
                    Assert.AreEqual(ShadowTopicType.None, type);
                }
            }

            Assert.IsTrue(matched > 0, "the generator should produce some shadow topics");
        }

        [TestMethod]
        public void TypeOf_NamesTheTopicsOfExactlyThisThingsShadow()
        {
            Assert.AreEqual((int)ShadowTopicType.UpdateDelta, (int)ShadowTopics.TypeOf("$aws/things/kitchen/shadow/update/delta", "kitchen", null));
            Assert.AreEqual((int)ShadowTopicType.GetAccepted, (int)ShadowTopics.TypeOf("$aws/things/kitchen/shadow/get/accepted", "kitchen", ""));
            Assert.AreEqual((int)ShadowTopicType.UpdateAccepted, (int)ShadowTopics.TypeOf("$aws/things/kitchen/shadow/name/env/update/accepted", "kitchen", "env"));
            Assert.AreEqual((int)ShadowTopicType.None, (int)ShadowTopics.TypeOf("$aws/things/kitchen2/shadow/update/delta", "kitchen", null), "another thing whose name starts alike");
            Assert.AreEqual((int)ShadowTopicType.None, (int)ShadowTopics.TypeOf("$aws/things/kitche/shadow/update/delta", "kitchen", null));
            Assert.AreEqual((int)ShadowTopicType.None, (int)ShadowTopics.TypeOf("$aws/things/kitchen/shadow/name/env/update/delta", "kitchen", null), "a named shadow is not the classic one");
            Assert.AreEqual((int)ShadowTopicType.None, (int)ShadowTopics.TypeOf("$aws/things/kitchen/shadow/update/delta", "kitchen", "env"), "nor the other way round");
            Assert.AreEqual((int)ShadowTopicType.None, (int)ShadowTopics.TypeOf("$aws/things/kitchen/shadow/name/env2/update/delta", "kitchen", "env"));
            Assert.AreEqual((int)ShadowTopicType.None, (int)ShadowTopics.TypeOf("dt/nanothing/kitchen/telemetry", "kitchen", null));
            Assert.AreEqual((int)ShadowTopicType.None, (int)ShadowTopics.TypeOf("$aws/things/kitchen/shadow/update/delta/", "kitchen", null));
            Assert.AreEqual((int)ShadowTopicType.None, (int)ShadowTopics.TypeOf(null, "kitchen", null));
            Assert.AreEqual((int)ShadowTopicType.None, (int)ShadowTopics.TypeOf("$aws/things/kitchen/shadow/update/delta", null, null));
        }
    }
}
