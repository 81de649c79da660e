using System.CommandLine;
using OrderCluster.Ml.Cli.Commands;
using OrderCluster.Ml.Cli.Io;

namespace OrderCluster.Ml.Cli;

/// <summary>The command-line tree of <c>ordercluster-ml</c>; callable in-process with any writers (tests do so).</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = new RootCommand("Demand forecasting for OrderCluster: forecast and backtest CSV files of time series.")
        {
            BuildForecast(error),
            BuildBacktest(error),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync($"error: {problem.Message}");
            }

            await error.WriteLineAsync("run with --help for usage");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    private static Command BuildForecast(TextWriter error)
    {
        var train = new Option<string>("--train") { Description = "Input series: wide CSV (header, then id,v1,v2,...) or long CSV (series,timestamp,value).", Required = true };
        var horizon = new Option<int>("--horizon") { Description = "Steps to forecast per series.", Required = true };
        var output = new Option<string>("--output") { Description = "Output wide CSV: header id,h1..hH, then id and H forecasts per row.", Required = true };
        var shared = new SharedOptions();
        var intervals = new Option<bool>("--intervals") { Description = "Also write prediction bounds to OUTPUT.lower.csv and OUTPUT.upper.csv (same layout)." };
        var model = ModelOption("--model", "auto", "Method: " + string.Join(", ", ModelCatalog.Names) + ".");
        var command = new Command("forecast", "Forecast every series of a file.") { train, horizon, output, intervals, model };
        shared.AddTo(command);
        command.SetAction((result, cancellationToken) => Guarded(error, () =>
        {
            var request = new ForecastRequest(
                result.GetRequiredValue(train), Positive(result.GetValue(horizon), "--horizon"), shared.Seasons(result),
                result.GetRequiredValue(output), result.GetValue(intervals), shared.Level(result), result.GetValue(model)!,
                shared.Transform(result), result.GetValue(shared.ClipOutliers), !result.GetValue(shared.KeepZeros), shared.Format(result),
                result.GetValue(shared.Parallelism));
            return ForecastCommand.Run(request, result.InvocationConfiguration.Output, cancellationToken);
        }));
        return command;
    }

    private static Command BuildBacktest(TextWriter error)
    {
        var input = new Option<string>("--input", "--train") { Description = "Input series (wide or long CSV, see forecast --help).", Required = true };
        var horizon = new Option<int>("--horizon") { Description = "Forecast horizon of each window.", Required = true };
        var origins = new Option<int>("--origins") { Description = "Rolling origins per series.", DefaultValueFactory = _ => 3 };
        var step = new Option<int>("--step") { Description = "Steps between origins (default: the horizon)." };
        var holdOut = new Option<int>("--holdout") { Description = "Observations at the end of every series left out of the backtest (default 0)." };
        var models = new Option<string>("--models") { Description = "Comma-separated methods.", DefaultValueFactory = _ => string.Join(",", ModelCatalog.Names) };
        var report = new Option<string?>("--report") { Description = "Also write the metrics table as CSV to this file." };
        var shared = new SharedOptions();
        var command = new Command("backtest", "Rolling-origin backtest: sMAPE, MASE, RMSSE, MSIS and coverage per model.")
        {
            input, horizon, origins, step, holdOut, models, report,
        };
        shared.AddTo(command);
        command.SetAction((result, cancellationToken) => Guarded(error, () =>
        {
            var names = result.GetValue(models)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (names.Length == 0)
            {
                throw new ArgumentException("--models lists no model");
            }

            foreach (var name in names)
            {
                ModelCatalog.Create(name);
            }

            var request = new BacktestRequest(
                result.GetRequiredValue(input), Positive(result.GetValue(horizon), "--horizon"), Positive(result.GetValue(origins), "--origins"),
                result.GetValue(step), shared.Seasons(result), names, shared.Level(result), result.GetValue(holdOut),
                shared.Transform(result), result.GetValue(shared.ClipOutliers), !result.GetValue(shared.KeepZeros), shared.Format(result),
                result.GetValue(report), result.GetValue(shared.Parallelism));
            return BacktestCommand.Run(request, result.InvocationConfiguration.Output, cancellationToken);
        }));
        return command;
    }

    /// <summary>Runs a command body, turning the expected failures into a message and an exit code.</summary>
    private static Task<int> Guarded(TextWriter error, Func<int> body)
    {
        try
        {
            return Task.FromResult(body());
        }
        catch (Exception e) when (Classify(e is AggregateException { InnerExceptions.Count: > 0 } a ? a.InnerExceptions[0] : e) is { } failure)
        {
            error.WriteLine(failure.Message);
            return Task.FromResult(failure.Code);
        }
    }

    /// <summary>The exit code and message for an expected failure; null lets anything else surface as a crash.</summary>
    private static (int Code, string Message)? Classify(Exception e) => e switch
    {
        InputFormatException => (ExitCodes.InvalidInput, $"error: {e.Message}"),
        FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException => (ExitCodes.FileError, $"error: {e.Message}"),
        ArgumentException => (ExitCodes.Usage, $"error: {e.Message}"),
        OperationCanceledException => (ExitCodes.Cancelled, "cancelled"),
        _ => null,
    };

    private static int Positive(int value, string name) =>
        value >= 1 ? value : throw new ArgumentException($"{name} must be at least 1 (got {value})");

    private static Option<string> ModelOption(string name, string defaultValue, string description)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong([.. ModelCatalog.Names]);
        return option;
    }

    /// <summary>Options both commands take.</summary>
    private sealed class SharedOptions
    {
        public Option<int[]> Season { get; } = new("--season")
        {
            Description = "Seasonal period in observations; repeat for several (e.g. --season 24 --season 168). The first is the primary one.",
            AllowMultipleArgumentsPerToken = true,
        };

        public Option<double> LevelOption { get; } = new("--level") { Description = "Prediction interval level.", DefaultValueFactory = _ => 0.95 };

        public Option<string> TransformOption { get; } = new("--transform") { Description = "Transform before fitting.", DefaultValueFactory = _ => "auto" };

        public Option<bool> ClipOutliers { get; } = new("--clip-outliers") { Description = "Winsorise outliers before fitting." };

        public Option<bool> KeepZeros { get; } = new("--keep-zeros") { Description = "Do not model exact zeros as a separate outcome (see ml/README.md)." };

        public Option<string> FormatOption { get; } = new("--format") { Description = "Input layout (auto: long when three columns and a non-numeric timestamp).", DefaultValueFactory = _ => "auto" };

        public Option<int> Parallelism { get; } = new("--parallelism") { Description = "Series processed at once (default: all cores)." };

        public void AddTo(Command command)
        {
            TransformOption.AcceptOnlyFromAmong("auto", "none", "log", "boxcox");
            FormatOption.AcceptOnlyFromAmong("auto", "wide", "long");
            command.Add(Season);
            command.Add(LevelOption);
            command.Add(TransformOption);
            command.Add(ClipOutliers);
            command.Add(KeepZeros);
            command.Add(FormatOption);
            command.Add(Parallelism);
        }

        public int[] Seasons(ParseResult result)
        {
            var seasons = result.GetValue(Season) ?? [];
            return seasons.All(s => s >= 1) ? seasons : throw new ArgumentException("--season values must be at least 1");
        }

        public double Level(ParseResult result)
        {
            var level = result.GetValue(LevelOption);
            return level is > 0 and < 1 ? level : throw new ArgumentException($"--level must lie strictly between 0 and 1 (got {level})");
        }

        public TransformMode Transform(ParseResult result) => result.GetValue(TransformOption) switch
        {
            "none" => TransformMode.None,
            "log" => TransformMode.Log,
            "boxcox" => TransformMode.BoxCox,
            _ => TransformMode.Auto,
        };

        public SeriesFormat Format(ParseResult result) => result.GetValue(FormatOption) switch
        {
            "wide" => SeriesFormat.Wide,
            "long" => SeriesFormat.Long,
            _ => SeriesFormat.Auto,
        };
    }
}
