using System.Globalization;

namespace OrderCluster.Bench;

/// <summary>Prints benchmark figures in the one-line <c>name value unit</c> format that scripts and reports parse.</summary>
internal static class BenchReport
{
    public static void Figure(string name, double value, string unit) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {value:0.###} {unit}"));

    /// <summary>Prints a human note on stderr so that stdout stays machine-readable.</summary>
    public static void Note(string text) => Console.Error.WriteLine(text);
}
