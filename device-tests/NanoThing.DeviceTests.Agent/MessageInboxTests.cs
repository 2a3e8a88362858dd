using NanoThing.Core.Agent;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Agent
{
    /// <summary><see cref="MessageInbox"/>: order, copies, bounds (bytes and messages), wrap-around without touching a held message.</summary>
    [TestClass]
    public class MessageInboxTests
    {
        private static bool Add(MessageInbox inbox, string topic, string text)
        {
            byte[] bytes = Text.Bytes(text);
            return inbox.TryAdd(topic, bytes, 0, bytes.Length);
        }

        private static string Take(MessageInbox inbox)
        {
            string topic;
            int offset;
            int length;
            if (!inbox.TryPeek(out topic, out offset, out length))
            {
                return "(empty)";
            }

            string text = topic + " " + Text.Of(inbox.Buffer, offset, length);
            inbox.RemoveFirst();
            return text;
        }

        [TestMethod]
        public void MessagesComeOutInOrderAsCopies()
        {
            MessageInbox inbox = new MessageInbox(64, 4);
            byte[] payload = Text.Bytes("xxhelloxx");
            Assert.IsTrue(inbox.TryAdd("a", payload, 2, 5));
            payload[3] = (byte)'#';
            Assert.IsTrue(Add(inbox, "b", ""));
            Assert.IsTrue(Add(inbox, "c", "world"));
            Assert.AreEqual(3, inbox.Count);
            Assert.AreEqual("a hello", Take(inbox));
            Assert.AreEqual("b ", Take(inbox));
            Assert.AreEqual("c world", Take(inbox));
            Assert.AreEqual("(empty)", Take(inbox));
            inbox.RemoveFirst();
            Assert.AreEqual(0, inbox.Count);
        }

        [TestMethod]
        public void ItRefusesWhatDoesNotFitAndKeepsWhatItHolds()
        {
            MessageInbox inbox = new MessageInbox(10, 3);
            Assert.IsFalse(Add(inbox, "big", "01234567890"), "larger than the buffer");
            Assert.IsTrue(Add(inbox, "a", "012345"));
            Assert.IsFalse(Add(inbox, "b", "01234"), "only 4 bytes free");
            Assert.IsTrue(Add(inbox, "c", "0123"));
            Assert.IsTrue(Add(inbox, "d", ""));
            Assert.IsFalse(Add(inbox, "e", ""), "three messages at most");
            Assert.IsFalse(inbox.TryAdd("f", null, 0, 1));
            Assert.IsFalse(inbox.TryAdd("g", new byte[4], 2, 3));
            Assert.IsFalse(inbox.TryAdd("h", new byte[4], -1, 1));
            Assert.AreEqual("a 012345", Take(inbox));
            Assert.AreEqual("c 0123", Take(inbox));
            Assert.AreEqual("d ", Take(inbox));
        }

        [TestMethod]
        public void ItWrapsAroundWithoutTouchingTheMessageBeingRead()
        {
            MessageInbox inbox = new MessageInbox(10, 4);
            Assert.IsTrue(Add(inbox, "a", "aaaa"));
            Assert.IsTrue(Add(inbox, "b", "bbbb"));
            Assert.AreEqual("a aaaa", Take(inbox));
            Assert.IsFalse(Add(inbox, "c", "ccccc"), "2 bytes at the end, 4 at the start: no 5 contiguous");
            Assert.IsTrue(Add(inbox, "c", "cccc"), "wraps to the start");
            Assert.IsFalse(Add(inbox, "d", "d"), "the start is full up to the held message");
            Assert.AreEqual("b bbbb", Take(inbox));
            Assert.IsTrue(Add(inbox, "d", "dddddd"), "after c, up to the end");
            Assert.AreEqual("c cccc", Take(inbox));
            Assert.AreEqual("d dddddd", Take(inbox));
            Assert.IsTrue(Add(inbox, "e", "eeeeeeeeee"), "empty again: the whole buffer");
            Assert.AreEqual("e eeeeeeeeee", Take(inbox));
        }

        [TestMethod]
        public void ARandomWorkloadNeverCorruptsAMessage()
        {
            SeededRandom random = new SeededRandom(7);
            MessageInbox inbox = new MessageInbox(100, 5);
            int added = 0;
            int taken = 0;
            for (int i = 0; i < 5000; i++)
            {
                if (random.Next(2) == 0)
                {
                    int length = random.Next(40);
                    byte[] payload = new byte[length];
                    for (int b = 0; b < length; b++)
                    {
                        payload[b] = (byte)(added % 251);
                    }

                    if (inbox.TryAdd(added.ToString(), payload, 0, length))
                    {
                        added++;
                    }
                }
                else
                {
                    string topic;
                    int offset;
                    int length;
                    if (inbox.TryPeek(out topic, out offset, out length))
                    {
                        Assert.AreEqual(taken.ToString(), topic);
                        for (int b = 0; b < length; b++)
                        {
                            Assert.AreEqual(taken % 251, (int)inbox.Buffer[offset + b]);
                        }

                        inbox.RemoveFirst();
                        taken++;
                    }
                }
            }

            Assert.IsTrue(taken > 1000, "the workload exercised the queue");
        }
    }
}
