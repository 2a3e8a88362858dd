namespace NanoThing.Core.Agent
{
    /// <summary>
    /// Tells whoever runs <see cref="ThingAgent.Step"/> that work arrived early (a message, a lost connection, a
    /// button edge). Called from the session's and the pin driver's threads: must return at once and never throw.
    /// </summary>
    public interface IWakeSignal
    {
        /// <summary>Run the agent's step as soon as possible.</summary>
        void Wake();
    }
}
