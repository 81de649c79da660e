namespace OrderCluster.Bench.Load;

/// <summary>
/// The silos of the cluster under load, one <see cref="HttpClient"/> each. Requests start on the next silo round-robin and
/// a retry moves on to the silo after, so one silo that is down or slow costs a retry, not the request.
/// </summary>
internal sealed class SiloPool : IDisposable
{
    /// <summary>Long enough for a grain call to time out (the API answers 503 then), short enough that a hung silo is left soon.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);
    private readonly HttpClient[] _clients;
    private int _next = -1;

    public SiloPool(IReadOnlyList<Uri> urls)
    {
        _clients = urls.Select(url => new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(3),
        })
        {
            BaseAddress = url, Timeout = RequestTimeout,
        }).ToArray();
    }

    public int Count => _clients.Length;

    /// <summary>The first silo: set-up and verification go there.</summary>
    public HttpClient First => _clients[0];

    /// <summary>The silo the next request starts on.</summary>
    public int NextStart() => (int)((uint)Interlocked.Increment(ref _next) % (uint)_clients.Length);

    /// <summary>Silo <paramref name="index"/> modulo the number of silos.</summary>
    public HttpClient this[int index] => _clients[index % _clients.Length];

    public void Dispose()
    {
        foreach (var client in _clients) client.Dispose();
    }
}
