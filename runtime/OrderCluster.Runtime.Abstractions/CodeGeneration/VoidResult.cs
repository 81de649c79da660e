using System.ComponentModel;

namespace OrderCluster.Runtime.CodeGeneration;

/// <summary>The result type of grain methods that return <see cref="Task"/> or <see cref="ValueTask"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct VoidResult
{
    /// <summary>Adapts a task without a result to the request's result type.</summary>
    public static ValueTask<VoidResult> From(Task task) =>
        task.IsCompletedSuccessfully ? default : AwaitAsync(task);

    /// <summary>Adapts a value task without a result to the request's result type.</summary>
    public static ValueTask<VoidResult> From(ValueTask task) =>
        task.IsCompletedSuccessfully ? default : AwaitAsync(task.AsTask());

    private static async ValueTask<VoidResult> AwaitAsync(Task task)
    {
        await task;
        return default;
    }
}
