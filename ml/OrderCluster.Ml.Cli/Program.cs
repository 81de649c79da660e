using OrderCluster.Ml.Cli;

// ordercluster-ml: forecast and backtest CSV files of time series. See ml/README.md.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await CliApp.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
