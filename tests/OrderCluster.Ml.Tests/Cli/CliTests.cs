using System.Globalization;
using OrderCluster.Ml.Cli;

namespace OrderCluster.Ml.Tests.Cli;

/// <summary>Runs the command-line tool in-process on temporary files.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ordercluster-ml-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private string WriteWide(string name, int series = 4)
    {
        var lines = new List<string> { "id,values" };
        for (var s = 0; s < series; s++)
        {
            var values = Synthetic.Series(50 + 10 * s, t => Synthetic.TrendSeason(t, 7), 1, seed: 90 + s)
                .Select(v => v.ToString("0.###", CultureInfo.InvariantCulture)).ToList();
            values[5] = "";                        // a missing value
            var padding = s % 2 == 0 ? ",," : "";  // ragged rows padded with empty cells
            lines.Add($"item-{s}," + string.Join(",", values) + padding);
        }

        File.WriteAllLines(PathOf(name), lines);
        return PathOf(name);
    }

    private static List<string[]> ReadCsv(string path) =>
        File.ReadAllLines(path).Select(l => l.Split(',')).ToList();

    [Fact]
    public async Task Forecast_writes_one_row_of_h_forecasts_per_series_in_input_order()
    {
        var train = WriteWide("train.csv");
        var output = PathOf("forecast.csv");

        var (code, _, error) = await Run("forecast", "--train", train, "--horizon", "10", "--season", "7", "--output", output);

        Assert.True(code == 0, error);
        var rows = ReadCsv(output);
        Assert.Equal(["id", "h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "h9", "h10"], rows[0]);
        Assert.Equal(["item-0", "item-1", "item-2", "item-3"], rows.Skip(1).Select(r => r[0]));
        Assert.All(rows.Skip(1), r => Assert.Equal(11, r.Length));
        var firstForecast = double.Parse(rows[1][1], CultureInfo.InvariantCulture);
        Assert.InRange(firstForecast, Synthetic.TrendSeason(50, 7) - 5, Synthetic.TrendSeason(50, 7) + 5);
    }

    [Fact]
    public async Task Intervals_go_to_lower_and_upper_files_that_bracket_the_forecast()
    {
        var train = WriteWide("train.csv");
        var output = PathOf("forecast.csv");

        var (code, _, error) = await Run("forecast", "--train", train, "--horizon", "5", "--season", "7", "--output", output, "--intervals", "--model", "ets");

        Assert.True(code == 0, error);
        var point = ReadCsv(output);
        var lower = ReadCsv(PathOf("forecast.lower.csv"));
        var upper = ReadCsv(PathOf("forecast.upper.csv"));
        for (var row = 1; row < point.Count; row++)
        {
            for (var h = 1; h <= 5; h++)
            {
                var p = double.Parse(point[row][h], CultureInfo.InvariantCulture);
                Assert.InRange(p, double.Parse(lower[row][h], CultureInfo.InvariantCulture), double.Parse(upper[row][h], CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public async Task Backtest_of_a_long_file_prints_a_metrics_table_and_a_csv_report()
    {
        var lines = new List<string> { "series,timestamp,value" };
        foreach (var id in new[] { "a", "b" })
        {
            var values = Synthetic.Series(70, t => Synthetic.TrendSeason(t, 7), 1, seed: id[0]);
            // Written newest first: the reader must sort by timestamp.
            for (var t = 69; t >= 0; t--)
            {
                lines.Add($"{id},{new DateTime(2024, 1, 1).AddDays(t):yyyy-MM-dd},{values[t].ToString(CultureInfo.InvariantCulture)}");
            }
        }

        File.WriteAllLines(PathOf("long.csv"), lines);
        var report = PathOf("report.csv");

        var (code, output, error) = await Run("backtest", "--input", PathOf("long.csv"), "--horizon", "7", "--origins", "2",
            "--season", "7", "--models", "auto,snaive,theta", "--report", report);

        Assert.True(code == 0, error);
        Assert.Contains("Auto", output, StringComparison.Ordinal);
        Assert.Contains("SNaive", output, StringComparison.Ordinal);
        Assert.Contains("MASE", output, StringComparison.Ordinal);
        var rows = ReadCsv(report);
        Assert.Equal("model", rows[0][0]);
        Assert.Equal(["Auto", "SNaive", "Theta"], rows.Skip(1).Select(r => r[0]));
        Assert.All(rows.Skip(1), r => Assert.Equal("4", r[6]));
        var autoMase = double.Parse(rows[1][2], CultureInfo.InvariantCulture);
        var snaiveMase = double.Parse(rows[2][2], CultureInfo.InvariantCulture);
        Assert.True(autoMase < snaiveMase);
    }

    [Fact]
    public async Task Quoted_ids_with_commas_survive_the_round_trip()
    {
        var values = string.Join(",", Enumerable.Range(0, 30).Select(t => (10 + t % 3).ToString(CultureInfo.InvariantCulture)));
        File.WriteAllLines(PathOf("quoted.csv"), ["id,values", $"\"shop 1, \"\"north\"\"\",{values}"]);

        var (code, _, error) = await Run("forecast", "--train", PathOf("quoted.csv"), "--horizon", "3", "--output", PathOf("out.csv"));

        Assert.True(code == 0, error);
        Assert.StartsWith("\"shop 1, \"\"north\"\"\",", File.ReadAllLines(PathOf("out.csv"))[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_cell_is_reported_with_its_row_and_column()
    {
        File.WriteAllLines(PathOf("bad.csv"), ["id,values", "x,1,2,3,4", "y,1,2,oops,4"]);

        var (code, _, error) = await Run("forecast", "--train", PathOf("bad.csv"), "--horizon", "2", "--output", PathOf("out.csv"));

        Assert.Equal(1, code);
        Assert.Contains("row 3, column 4", error, StringComparison.Ordinal);
        Assert.Contains("'oops'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_file_with_a_bad_timestamp_or_duplicate_is_reported_with_its_row()
    {
        File.WriteAllLines(PathOf("long.csv"), ["series,timestamp,value", "a,2024-01-01,1", "a,yesterday,2"]);
        File.WriteAllLines(PathOf("dup.csv"), ["series,timestamp,value", "a,2024-01-01,1", "a,2024-01-02,2", "a,2024-01-01,3"]);

        var bad = await Run("backtest", "--input", PathOf("long.csv"), "--horizon", "1", "--format", "long");
        var duplicate = await Run("backtest", "--input", PathOf("dup.csv"), "--horizon", "1", "--format", "long");

        Assert.Equal(1, bad.Code);
        Assert.Contains("row 3, column 2", bad.Error, StringComparison.Ordinal);
        Assert.Equal(1, duplicate.Code);
        Assert.Contains("row 4, column 2", duplicate.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_series_without_values_is_an_input_error()
    {
        File.WriteAllLines(PathOf("empty-row.csv"), ["id,values", "x,1,2,3", "y,,,"]);

        var (code, _, error) = await Run("forecast", "--train", PathOf("empty-row.csv"), "--horizon", "2", "--output", PathOf("out.csv"));

        Assert.Equal(1, code);
        Assert.Contains("row 3", error, StringComparison.Ordinal);
        Assert.Contains("'y' has no values", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_exits_with_the_file_error_code()
    {
        var (code, _, error) = await Run("forecast", "--train", PathOf("nope.csv"), "--horizon", "2", "--output", PathOf("out.csv"));

        Assert.Equal(3, code);
        Assert.Contains("nope.csv", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("forecast", "--horizon", "2")]
    [InlineData("forecast", "--train", "x.csv", "--horizon", "0", "--output", "o.csv")]
    [InlineData("forecast", "--train", "x.csv", "--horizon", "2", "--output", "o.csv", "--model", "prophet")]
    [InlineData("backtest", "--input", "x.csv", "--horizon", "2", "--level", "1.5")]
    [InlineData("bogus")]
    public async Task Invalid_command_lines_exit_with_the_usage_code(params string[] args)
    {
        var (code, _, error) = await Run(args);

        Assert.Equal(2, code);
        Assert.StartsWith("error:", error, StringComparison.Ordinal);
    }
}
