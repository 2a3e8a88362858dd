using System.Threading;

namespace NanoThing
{
    /// <summary>The ESP32 app's entry point (composition root). The adapters and boot sequence come with the ESP32 app issue.</summary>
    public class Program
    {
        public static void Main()
        {
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
