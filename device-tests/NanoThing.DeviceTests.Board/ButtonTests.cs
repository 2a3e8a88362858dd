using NanoThing.Core.Io;
using NanoThing.Core.Seams;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Board
{
    /// <summary>Debounce and press counting of <see cref="Button"/>, driven by a hand-advanced clock (ms values).</summary>
    [TestClass]
    public class ButtonTests
    {
        private static FakeDigitalInput _pin;
        private static Button _button;
        private static long _now;
        private static int _reports;

        private static void NewButton()
        {
            // Active low: a switch to GND with a pull-up reads high when released.
            _pin = new FakeDigitalInput(true);
            _button = new Button(_pin, false, 50);
            _now = 0;
            _reports = 0;
        }

        /// <summary>Polls every 5 ms for <paramref name="ms"/> ms, counting the report requests.</summary>
        private static void Run(int ms)
        {
            for (int i = 0; i < ms; i += 5)
            {
                _now += 5;
                if (_button.Poll(_now))
                {
                    _reports++;
                }
            }
        }

        [TestMethod]
        public void Construction_AttachesListener_AndStartsReleased()
        {
            NewButton();
            Assert.IsNotNull(_pin.Listener);
            Assert.IsFalse(_button.IsPressed);
            Assert.AreEqual(0, _button.PressCount);
        }

        [TestMethod]
        public void CleanPress_CountsOnce_AfterTheDebounceTime()
        {
            NewButton();
            _pin.Set(false);
            Run(45);
            Assert.AreEqual(0, _reports, "not before the pin has been stable for 50 ms");
            Assert.IsFalse(_button.IsPressed);
            Run(15);
            Assert.AreEqual(1, _reports);
            Assert.AreEqual(1, _button.PressCount);
            Assert.IsTrue(_button.IsPressed);
            Run(1000);
            Assert.AreEqual(1, _reports, "holding is one press");
            _pin.Set(true);
            Run(100);
            Assert.AreEqual(1, _reports, "a release is not a press");
            Assert.IsFalse(_button.IsPressed);
        }

        [TestMethod]
        public void BouncingPressAndRelease_CountOnePress()
        {
            NewButton();
            for (int i = 0; i < 5; i++)
            {
                _pin.Set(false);
                Run(5);
                _pin.Set(true);
                Run(5);
            }

            _pin.Set(false);
            Run(100);
            for (int i = 0; i < 5; i++)
            {
                _pin.Set(true);
                Run(5);
                _pin.Set(false);
                Run(5);
            }

            _pin.Set(true);
            Run(100);
            Assert.AreEqual(1, _reports);
            Assert.AreEqual(1, _button.PressCount);
        }

        [TestMethod]
        public void GlitchShorterThanDebounce_IsIgnored()
        {
            NewButton();
            _pin.Set(false);
            Run(30);
            _pin.Set(true);
            Run(200);
            Assert.AreEqual(0, _reports);
            Assert.AreEqual(0, _button.PressCount);
        }

        [TestMethod]
        public void GlitchBetweenTwoPolls_SeenOnlyByTheEdgeCallback_RestartsTheDebounce()
        {
            NewButton();
            _pin.Set(false);
            Run(45);
            // Released and pressed again between two polls: the level read is unchanged, the edges are not.
            _pin.Set(true);
            _pin.Set(false);
            Run(45);
            Assert.AreEqual(0, _reports, "the debounce window restarted at the glitch");
            Run(15);
            Assert.AreEqual(1, _reports);
        }

        [TestMethod]
        public void ThreePresses_CountThree()
        {
            NewButton();
            for (int i = 0; i < 3; i++)
            {
                _pin.Set(false);
                Run(100);
                _pin.Set(true);
                Run(100);
            }

            Assert.AreEqual(3, _reports);
            Assert.AreEqual(3, _button.PressCount);
        }

        [TestMethod]
        public void ActiveHighButton_CountsHighAsPressed()
        {
            FakeDigitalInput pin = new FakeDigitalInput(false);
            Button button = new Button(pin, true, 20);
            pin.Set(true);
            Assert.IsFalse(button.Poll(1));
            Assert.IsFalse(button.Poll(20));
            Assert.IsTrue(button.Poll(21));
            Assert.AreEqual(1, button.PressCount);
        }

        [TestMethod]
        public void TheEdgeListenerHearsEachEdgeAfterTheButtonCountedIt()
        {
            NewButton();
            EdgeRecorder recorder = new EdgeRecorder();
            _button.SetEdgeListener(recorder);
            Assert.IsTrue(_pin.Listener == _button, "the button stays the pin's one listener");
            _pin.Set(false);
            _pin.Set(true);
            Assert.AreEqual("low high ", recorder.Edges);
            Assert.IsFalse(_button.Poll(5), "the button counted the edges too: a change is seen, not yet a press");
            Run(100);
            Assert.AreEqual(0, _button.PressCount, "a glitch, not a press");
        }

        [TestMethod]
        public void NextPollMs_IsEveryHalfDebounceForFourDebounceTimesAfterAnEdge()
        {
            NewButton();
            Assert.AreEqual(long.MaxValue, _button.NextPollMs(0), "no edge: nothing to debounce");
            _pin.Set(false);
            _button.Poll(100);
            Assert.AreEqual(125L, _button.NextPollMs(100));
            Assert.AreEqual(299L + 25, _button.NextPollMs(299));
            Assert.AreEqual(long.MaxValue, _button.NextPollMs(100 + Button.SettlingMultiple * 50));
        }

        // Records each edge it hears.
        private sealed class EdgeRecorder : IDigitalInputListener
        {
            public string Edges = "";

            public void OnEdge(bool high)
            {
                Edges += high ? "high " : "low ";
            }
        }
    }
}
