using NanoThing.Bench;
using NanoThing.Bench.Figures;

// bench/run.sh [--smoke] [--only cycle,air,roundtrip,boot,scale,memory,commit] [--scale-things 10,100,1000] [--out file.md]
// A child mode runs the stand-in (broker + shadow service) in a process of its own (StandIn/StandInProcess).
if (args.Length > 0 && args[0] == NanoThing.Bench.StandIn.StandInProcess.ChildVerb)
{
    return await NanoThing.Bench.StandIn.StandInProcess.RunChildAsync(args[1..]);
}

bool smoke = args.Contains("--smoke");
string? only = ArgumentAfter("--only");
string? output = ArgumentAfter("--out");
string? scaleThings = ArgumentAfter("--scale-things");
int[] scaleLevels = scaleThings?.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(level => int.TryParse(level, out int n) && n > 0 ? n : 0).ToArray() ?? [];
if (scaleLevels.Contains(0))
{
    Console.Error.WriteLine($"bench: --scale-things takes positive numbers of things separated by commas (e.g. 10,100,1000), not '{scaleThings}'");
    return 2;
}

var options = new BenchOptions(smoke)
{
    Only = only?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [],
    ScaleLevels = scaleLevels,
};
IReadOnlyList<BenchSection> sections = await BenchRunner.RunAsync(options);
string report = BenchRunner.ToMarkdown(sections, options);
Console.Write(report);
if (output is not null)
{
    File.WriteAllText(output, report);
}

return sections.Any(section => section.Failure is not null) ? 1 : 0;

string? ArgumentAfter(string name)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
