using System.Runtime.InteropServices;

namespace NanoThing.LocalIot.Broker;

/// <summary>Sends POSIX signals to a process (.NET has only Process.Kill = SIGKILL). Linux signal numbers.</summary>
internal static class PosixSignals
{
    public const int Kill = 9, Terminate = 15, Continue = 18, Stop = 19;

    /// <summary>True when the signal was delivered (false: no such process or not allowed).</summary>
    public static bool Send(int processId, int signal) => SysKill(processId, signal) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int sig);
}
