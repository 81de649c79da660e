using OrderCluster.GrainInterfaces.Imports;

namespace OrderCluster.Api.Imports;

public enum ImportJobStatus
{
    Running,
    Completed,
}

public enum ImportOutcome
{
    /// <summary>A new order was created.</summary>
    Imported,

    /// <summary>The order was imported before with the same content: nothing changed.</summary>
    Duplicate,

    Failed,
}

/// <summary>One problem of one row: the row number (CSV: the line number, the header being 1; JSON: the order's position, from 1), the source id when known, the field.</summary>
public sealed record ImportRowError(int Row, string? SourceId, string? Field, string Code, string Message);

/// <summary>One order of the file: the command to send, or the errors that kept it from being read.</summary>
public sealed record ImportItem
{
    /// <summary>The order's first row.</summary>
    public int Row { get; init; }

    public string? SourceId { get; init; }

    /// <summary>Null when the order could not be read (see <see cref="Errors"/>).</summary>
    public ImportOrder? Order { get; init; }

    public ImmutableArray<ImportRowError> Errors { get; init; } = [];

    /// <summary>CSV: the row of each line (so an error of <c>lines[2].quantity</c> names its row); empty for JSON.</summary>
    public ImmutableArray<int> LineRows { get; init; } = [];
}

/// <summary>One order's outcome.</summary>
public sealed record ImportItemResult(int Row, string? SourceId, ImportOutcome Outcome, long? Version, ImmutableArray<ImportRowError> Errors);

/// <summary>An import job: progress, counts and one result per order (failed ones with their row errors).</summary>
public sealed record ImportJob
{
    public required string JobId { get; init; }

    public required string SourceSystem { get; init; }

    public required string Format { get; init; }

    public ImportJobStatus Status { get; init; }

    /// <summary>Orders in the file (and rows that belong to none, e.g. a CSV line that could not be read).</summary>
    public int Total { get; init; }

    public int Done { get; init; }

    public int Imported { get; init; }

    public int Duplicates { get; init; }

    public int Failed { get; init; }

    public ImmutableArray<ImportItemResult> Results { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
}

public sealed record ImportJobSpec
{
    public required string SourceSystem { get; init; }

    /// <summary><c>json</c> or <c>csv</c>.</summary>
    public required string Format { get; init; }

    public ImmutableArray<ImportItem> Items { get; init; } = [];
}

/// <summary>
/// A migration import job, keyed <c>{tenant}/{jobId}</c>: a durable timer imports the orders a slice at a time (each
/// through <c>IOrderGrain.ImportAsync</c>, idempotent per source id, so a slice run twice imports nothing twice), so the
/// job survives silo restarts. One bad order is recorded with its row errors and the others go on.
/// </summary>
public interface IImportJobGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>Starts the job (idempotent: a started job is returned as it is).</summary>
    Task<ImportJob> StartAsync(ImportJobSpec spec);

    [ReadOnly]
    Task<ImportJob?> GetAsync();
}
