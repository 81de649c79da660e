using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace OrderCluster.Runtime.Storage.Sqlite;

/// <summary>Rejects settings the store cannot work with, naming the setting.</summary>
internal sealed class SqliteStorageOptionsValidator : IValidateOptions<SqliteStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteStorageOptions options)
    {
        const string prefix = nameof(SqliteStorageOptions);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{prefix}.{nameof(options.ConnectionString)} is empty; the default is '{SqliteStorageOptions.DefaultConnectionString}'.");
        }
        else
        {
            try
            {
                var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.DataSource))
                    failures.Add($"{prefix}.{nameof(options.ConnectionString)} names no database file (Data Source).");
                else if (builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
                    failures.Add($"{prefix}.{nameof(options.ConnectionString)} names an in-memory database, which the store's separate reader connections cannot share; name a file (tests can use MemoryGrainStore).");
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                failures.Add($"{prefix}.{nameof(options.ConnectionString)} is not a valid SQLite connection string: {e.Message}");
            }
        }

        if (!Enum.IsDefined(options.Synchronous))
            failures.Add($"{prefix}.{nameof(options.Synchronous)} is {(int)options.Synchronous}; use Normal or Full.");
        if (options.BusyTimeout < TimeSpan.Zero || options.BusyTimeout.TotalMilliseconds > int.MaxValue)
            failures.Add($"{prefix}.{nameof(options.BusyTimeout)} is {options.BusyTimeout}; it must be between zero and {TimeSpan.FromMilliseconds(int.MaxValue)}.");
        if (options.CommandTimeout < TimeSpan.FromSeconds(1) || options.CommandTimeout.TotalSeconds > int.MaxValue)
            failures.Add($"{prefix}.{nameof(options.CommandTimeout)} is {options.CommandTimeout}; it must be at least 1 second.");
        if (options.SlowCommitThreshold < TimeSpan.Zero)
            failures.Add($"{prefix}.{nameof(options.SlowCommitThreshold)} is {options.SlowCommitThreshold}; it cannot be negative.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
