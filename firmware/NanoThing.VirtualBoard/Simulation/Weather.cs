namespace NanoThing.VirtualBoard.Simulation;

/// <summary>One set of conditions at the sensor.</summary>
public readonly record struct WeatherReading(double Celsius, double Pascal, double RelativeHumidity);

/// <summary>What a simulated sensor measures when asked.</summary>
public interface IWeather
{
    WeatherReading Now();
}

/// <summary>Fixed conditions, for tests that need exact values.</summary>
public sealed class FixedWeather(WeatherReading reading) : IWeather
{
    public WeatherReading Reading { get; set; } = reading;

    public WeatherReading Now() => Reading;
}

/// <summary>
/// A plausible indoor day: temperature follows a 24-hour sine around 21 C with a slow random walk, humidity
/// moves against temperature, pressure drifts slowly around 1013 hPa. The same seed and times give the same
/// readings, so a demo or a benchmark trace is reproducible.
/// </summary>
public sealed class DailyWeather : IWeather
{
    private readonly Random _random;
    private readonly Func<TimeSpan> _elapsed;
    private double _walkCelsius;
    private double _walkPascal;

    public DailyWeather(int seed, Func<TimeSpan> elapsed)
    {
        _random = new Random(seed);
        _elapsed = elapsed;
    }

    public WeatherReading Now()
    {
        double hours = _elapsed().TotalHours;
        _walkCelsius = Math.Clamp(_walkCelsius + (_random.NextDouble() - 0.5) * 0.05, -1.5, 1.5);
        _walkPascal = Math.Clamp(_walkPascal + (_random.NextDouble() - 0.5) * 4, -800, 800);
        double celsius = 21 + 3 * Math.Sin(2 * Math.PI * (hours - 9) / 24) + _walkCelsius;
        double humidity = Math.Clamp(45 - 2.5 * (celsius - 21) + (_random.NextDouble() - 0.5), 5, 95);
        double pascal = 101325 + 300 * Math.Sin(2 * Math.PI * hours / 30) + _walkPascal;
        return new WeatherReading(celsius, pascal, humidity);
    }
}
