using NanoThing.Core.Json;

namespace NanoThing.Core.Shadow
{
    /// <summary>
    /// Supplies the content of state.reported for an update request: the owner writes its own members.
    /// </summary>
    public interface IReportedStateWriter
    {
        /// <summary>
        /// Writes members (<see cref="JsonWriter.Name"/> + value, or the Property helpers) into the reported object,
        /// which is already open and is closed by the caller. Write null (<see cref="JsonWriter.PropertyNull"/>) to
        /// delete a key from the shadow. Must not throw; failures show in the writer's status.
        /// </summary>
        void WriteReported(JsonWriter writer);
    }
}
