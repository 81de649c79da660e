namespace OrderCluster.Runtime.Lifecycle;

/// <summary>Where the local silo is in its life (drives <c>/readyz</c>).</summary>
public enum SiloStatusCode
{
    Starting,
    Active,
    ShuttingDown,
    Stopped,
}

/// <summary>The local silo's status, readable by health checks and the dashboard.</summary>
public sealed class SiloStatus
{
    private volatile int _status = (int)SiloStatusCode.Starting;

    public SiloStatusCode Current => (SiloStatusCode)_status;

    public DateTimeOffset StartedAt { get; internal set; }

    public bool IsReady => Current == SiloStatusCode.Active;

    internal void Set(SiloStatusCode status) => _status = (int)status;
}
