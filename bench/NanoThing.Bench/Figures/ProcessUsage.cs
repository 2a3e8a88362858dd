using System.Globalization;

namespace NanoThing.Bench.Figures;

/// <summary>
/// CPU time and resident memory of a process, read from /proc/&lt;pid&gt;/stat and /proc/&lt;pid&gt;/status (Linux), and
/// the time its threads spent runnable but waiting for a CPU (the scheduler's run-queue wait, second field of
/// /proc/&lt;pid&gt;/task/&lt;tid&gt;/schedstat, summed over its threads; zero where the kernel has no schedstats).
/// A snapshot; the difference of two gives the CPU a process spent, and the time it waited for one, in between.
/// </summary>
public readonly record struct ProcessUsage(TimeSpan Cpu, long RssBytes, TimeSpan RunQueueWait = default)
{
    private static readonly long TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>The usage of process <paramref name="pid"/>; zero when it cannot be read (not Linux, process gone).</summary>
    public static ProcessUsage Of(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name is in parentheses and may hold spaces: fields are counted after the last ')'.
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            long rssKb = 0;
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rssKb = long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }

            return new ProcessUsage(TimeSpan.FromSeconds((double)ticks / TicksPerSecond), rssKb * 1024, RunQueueWaitOf(pid));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return default;
        }
    }

    private static TimeSpan RunQueueWaitOf(int pid)
    {
        long nanoseconds = 0;
        foreach (string task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                string[] fields = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
                nanoseconds += long.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // a thread that ended between listing and reading, or no schedstats: it adds nothing
            }
        }

        return TimeSpan.FromTicks(nanoseconds / 100);
    }
}
