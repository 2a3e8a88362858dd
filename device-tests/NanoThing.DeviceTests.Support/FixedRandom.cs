using NanoThing.Core.Seams;

namespace NanoThing.DeviceTests.Support
{
    /// <summary>An <see cref="IRandom"/> that always answers <c>value % maxExclusive</c>: predictable tokens and jitter.</summary>
    public sealed class FixedRandom : IRandom
    {
        private readonly int _value;

        /// <summary>Answers <paramref name="value"/> (reduced below the bound).</summary>
        public FixedRandom(int value)
        {
            _value = value;
        }

        /// <inheritdoc />
        public int Next(int maxExclusive)
        {
            return maxExclusive <= 0 ? 0 : _value % maxExclusive;
        }
    }
}
