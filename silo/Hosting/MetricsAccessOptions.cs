namespace OrderCluster.Silo.Hosting;

/// <summary>Who may scrape <c>/metrics</c> (configuration section <c>Metrics</c>), apart from the dashboard's own sign-in.</summary>
public sealed class MetricsAccessOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Require credentials on <c>/metrics</c>. Default: false (open, as Prometheus scrapes by default); set true in cluster
    /// deployments whose network does not already restrict the silo's HTTP port.</summary>
    public bool RequireAuth { get; set; }

    /// <summary>HTTP Basic user name for scrapers (with <see cref="Password"/>). Default: none.</summary>
    public string? Username { get; set; }

    /// <summary>HTTP Basic password, compared in constant time. Default: none.</summary>
    public string? Password { get; set; }

    /// <summary>A bearer token scrapers may send instead (<c>Authorization: Bearer ...</c>). Default: none.</summary>
    public string? BearerToken { get; set; }
}
