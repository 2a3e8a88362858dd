using System.Threading;

namespace NanoThing.Boot
{
    /// <summary><see cref="IDelay"/> on the board: Thread.Sleep.</summary>
    public sealed class ThreadDelay : IDelay
    {
        /// <inheritdoc />
        public void Wait(int milliseconds)
        {
            if (milliseconds > 0)
            {
                Thread.Sleep(milliseconds);
            }
        }
    }
}
