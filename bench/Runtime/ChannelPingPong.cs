using System.Threading.Channels;

namespace OrderCluster.Bench.Runtime;

/// <summary>
/// The baseline for local calls: a request carrying the payload and a completion goes through a
/// Channel to consumer loops that answer it, the least any in-process request/response must do.
/// </summary>
internal sealed class ChannelPingPong : IAsyncDisposable
{
    private readonly Channel<Request> _requests = Channel.CreateUnbounded<Request>();
    private readonly Task[] _consumers;

    public ChannelPingPong(int consumers) =>
        _consumers = Enumerable.Range(0, consumers).Select(_ => Task.Run(ConsumeAsync)).ToArray();

    public Task<int> PingAsync(byte[] payload)
    {
        var request = new Request(payload);
        _requests.Writer.TryWrite(request);
        return request.Completion.Task;
    }

    private async Task ConsumeAsync()
    {
        await foreach (var request in _requests.Reader.ReadAllAsync())
            request.Completion.TrySetResult(request.Payload.Length);
    }

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        await Task.WhenAll(_consumers);
    }

    private sealed class Request(byte[] payload)
    {
        public byte[] Payload { get; } = payload;

        public TaskCompletionSource<int> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
