using Spectre.Console;

namespace OrderCluster.Ml.Cli.Commands;

/// <summary>
/// A Spectre.Console progress bar on stderr for long runs, shown only when stderr is a terminal so that pipes,
/// logs and tests see clean output.
/// </summary>
internal static class ProgressDisplay
{
    private const int MinimumItems = 20;

    public static T Run<T>(string description, int total, Func<IProgress<int>, T> work)
    {
        if (Console.IsErrorRedirected || total < MinimumItems)
        {
            return work(new DirectProgress(_ => { }));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(description, maxValue: total);
                return work(new DirectProgress(done => task.Value = Math.Max(task.Value, done)));
            });
    }

    /// <summary>Reports on the calling thread (unlike <see cref="Progress{T}"/>, which posts to a context).</summary>
    private sealed class DirectProgress(Action<int> report) : IProgress<int>
    {
        private readonly Lock _gate = new();

        public void Report(int value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
