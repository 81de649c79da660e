using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace OrderCluster.Runtime.Storage.Postgres;

/// <summary>Rejects settings the store cannot work with, naming the setting.</summary>
internal sealed partial class PostgresStorageOptionsValidator : IValidateOptions<PostgresStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresStorageOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{nameof(PostgresStorageOptions)}.{nameof(options.ConnectionString)} is empty: pass the PostgreSQL connection string to AddPostgresStorage.");
        }
        else
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException e)
            {
                failures.Add($"{nameof(PostgresStorageOptions)}.{nameof(options.ConnectionString)} is not a valid Npgsql connection string: {e.Message}");
            }
        }

        if (options.Schema is null || !SchemaName().IsMatch(options.Schema))
            failures.Add($"{nameof(PostgresStorageOptions)}.{nameof(options.Schema)} '{options.Schema}' is not a valid schema name: use 1 to 63 lower-case letters, digits and underscores, starting with a letter or underscore.");
        if (options.CommandTimeout < TimeSpan.FromSeconds(1) || options.CommandTimeout.TotalSeconds > int.MaxValue)
            failures.Add($"{nameof(PostgresStorageOptions)}.{nameof(options.CommandTimeout)} is {options.CommandTimeout}; it must be at least 1 second.");
        if (options.SlowCommitThreshold < TimeSpan.Zero)
            failures.Add($"{nameof(PostgresStorageOptions)}.{nameof(options.SlowCommitThreshold)} is {options.SlowCommitThreshold}; it cannot be negative.");
        if (options.MaxAutoPrepare < 0)
            failures.Add($"{nameof(PostgresStorageOptions)}.{nameof(options.MaxAutoPrepare)} is {options.MaxAutoPrepare}; it cannot be negative.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
