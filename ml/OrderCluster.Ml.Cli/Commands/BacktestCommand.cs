using System.Globalization;
using OrderCluster.Ml.Cli.Io;
using OrderCluster.Ml.Evaluation;
using Spectre.Console;

namespace OrderCluster.Ml.Cli.Commands;

/// <summary>Settings of <c>ordercluster-ml backtest</c>.</summary>
internal sealed record BacktestRequest(
    string Input, int Horizon, int Origins, int Step, int[] Seasons, string[] Models, double Level, int HoldOut,
    TransformMode Transform, bool ClipOutliers, bool SeparateZeros, SeriesFormat Format, string? Report, int Parallelism);

/// <summary>
/// Rolling-origin backtest of several models over every series; prints a table of the mean sMAPE, MASE, RMSSE,
/// MSIS and interval coverage per model (the combination is the model <c>auto</c>), optionally also as CSV.
/// </summary>
internal static class BacktestCommand
{
    public static int Run(BacktestRequest request, TextWriter output, CancellationToken cancellationToken)
    {
        var input = SeriesFile.Read(request.Input, request.Format);
        var forecasters = request.Models.Select(ModelCatalog.Create).ToList();
        var backtest = new BacktestOptions
        {
            Horizon = request.Horizon,
            Origins = request.Origins,
            Step = request.Step,
            SeasonalPeriod = request.Seasons.Length > 0 ? request.Seasons[0] : 1,
            Level = request.Level,
            HoldOut = request.HoldOut,
            MaxDegreeOfParallelism = request.Parallelism,
        };
        var options = new ForecastOptions
        {
            SeasonalPeriods = request.Seasons,
            Transform = request.Transform,
            ClipOutliers = request.ClipOutliers,
            SeparateZeros = request.SeparateZeros,
        };
        options.Validate();
        backtest.Validate();

        var report = ProgressDisplay.Run("backtesting", input.Ids.Count, progress =>
            Backtester.Run(forecasters, input.Values, options, backtest, progress, cancellationToken));

        WriteTable(output, report, request, input.Ids.Count);
        if (request.Report is { } path)
        {
            using var writer = new StreamWriter(path);
            writer.Write("model,smape,mase,rmsse,msis,coverage,windows,failures\n");
            foreach (var m in report.Models)
            {
                writer.Write(string.Join(",", CsvText.Escape(m.Model), CsvText.Format(m.SMape), CsvText.Format(m.Mase),
                    CsvText.Format(m.Rmsse), CsvText.Format(m.Msis), CsvText.Format(m.Coverage),
                    m.Windows.ToString(CultureInfo.InvariantCulture), m.Failures.ToString(CultureInfo.InvariantCulture)));
                writer.Write('\n');
            }
        }

        return ExitCodes.Success;
    }

    private static void WriteTable(TextWriter output, BacktestReport report, BacktestRequest request, int seriesCount)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        var table = new Table().Border(TableBorder.Ascii)
            .Title(Markup.Escape($"{seriesCount} series, {request.Origins} origins, horizon {request.Horizon}, seasons [{string.Join(",", request.Seasons)}]"));
        table.AddColumn(new TableColumn(new Text("model")));
        foreach (var column in new[] { "sMAPE %", "MASE", "RMSSE", "MSIS", string.Create(CultureInfo.InvariantCulture, $"cover {request.Level * 100:0.#}%"), "windows", "failures" })
        {
            table.AddColumn(new TableColumn(new Text(column)).RightAligned());
        }

        foreach (var m in report.Models.OrderBy(m => double.IsNaN(m.Mase) ? double.MaxValue : m.Mase))
        {
            table.AddRow(
                Markup.Escape(m.Model),
                Number(m.SMape, "0.00"), Number(m.Mase, "0.000"), Number(m.Rmsse, "0.000"), Number(m.Msis, "0.00"),
                Number(m.Coverage * 100, "0.0"),
                m.Windows.ToString(CultureInfo.InvariantCulture), m.Failures.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(table);
    }

    private static string Number(double value, string format) =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);
}
