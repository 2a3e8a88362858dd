namespace NanoThing.Core.Sensors
{
    /// <summary>
    /// The outcome of a sensor operation. Only <see cref="Ok"/> carries values; <see cref="Busy"/> and
    /// <see cref="Idle"/> are progress; every other value is a fault that is reported as such, never as a value.
    /// </summary>
    public enum SensorStatus
    {
        /// <summary>A measurement completed; the reading's valid flags say which quantities it holds.</summary>
        Ok = 0,
        /// <summary>A reset or measurement is in progress: call again later (driven by the caller's clock).</summary>
        Busy = 1,
        /// <summary>Nothing is in progress: start a measurement first.</summary>
        Idle = 2,
        /// <summary>No device acknowledged any of the probed I2C addresses.</summary>
        NotFound = 3,
        /// <summary>A device answered but its chip id is not one this driver supports.</summary>
        WrongChipId = 4,
        /// <summary>An I2C transfer failed (partial transfer, clock stretch timeout, bus error, lost acknowledge).</summary>
        BusError = 5,
        /// <summary>The device stayed busy beyond the driver's bound.</summary>
        Timeout = 6,
        /// <summary>The calibration read back is impossible (e.g. all zero or all ones): the part or the bus is faulty.</summary>
        InvalidCalibration = 7,
        /// <summary>The device returned its "measurement skipped" pattern instead of data.</summary>
        NoData = 8,
    }

    /// <summary>Stable, short names of <see cref="SensorStatus"/> values for reports and logs (Enum.ToString prints a number on the device).</summary>
    public static class SensorStatusNames
    {
        // Names as static fields: a fault's name is reported as long as it lasts, and in nanoCLR every ldstr creates a new string.
        private static readonly string OkName = "ok";
        private static readonly string BusyName = "busy";
        private static readonly string IdleName = "idle";
        private static readonly string NotFoundName = "notFound";
        private static readonly string WrongChipIdName = "wrongChipId";
        private static readonly string BusErrorName = "busError";
        private static readonly string TimeoutName = "timeout";
        private static readonly string InvalidCalibrationName = "invalidCalibration";
        private static readonly string NoDataName = "noData";
        private static readonly string UnknownName = "unknown";

        /// <summary>The camelCase name of <paramref name="status"/>, e.g. "notFound"; "unknown" for a value not in the enum.</summary>
        public static string Of(SensorStatus status)
        {
            switch (status)
            {
                case SensorStatus.Ok: return OkName;
                case SensorStatus.Busy: return BusyName;
                case SensorStatus.Idle: return IdleName;
                case SensorStatus.NotFound: return NotFoundName;
                case SensorStatus.WrongChipId: return WrongChipIdName;
                case SensorStatus.BusError: return BusErrorName;
                case SensorStatus.Timeout: return TimeoutName;
                case SensorStatus.InvalidCalibration: return InvalidCalibrationName;
                case SensorStatus.NoData: return NoDataName;
                default: return UnknownName;
            }
        }

        /// <summary>True for the statuses that are faults (everything but Ok, Busy and Idle).</summary>
        public static bool IsFault(SensorStatus status)
        {
            return status != SensorStatus.Ok && status != SensorStatus.Busy && status != SensorStatus.Idle;
        }
    }
}
