using System.Text.Json;
using NpgsqlTypes;
using OrderCluster.Runtime.Membership;
using OrderCluster.Runtime.Placement;

namespace OrderCluster.Runtime.Storage.Postgres.Membership;

/// <summary>The cluster membership table in PostgreSQL (schema migration 3), sharing the store's connection pool.</summary>
internal sealed class PostgresMembershipTable(PostgresDatabase database) : IMembershipTable
{
    private readonly string _readSql = database.Sql(PostgresMembershipSql.Read);
    private readonly string _tryWriteSql = database.Sql(PostgresMembershipSql.TryWrite);
    private readonly string _heartbeatSql = database.Sql(PostgresMembershipSql.Heartbeat);
    private readonly string _cleanupSql = database.Sql(PostgresMembershipSql.Cleanup);

    public async Task<MembershipSnapshot> ReadAsync(string cluster, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(_readSql);
        command.Parameters.Add(PostgresDatabase.Parameter(cluster));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long version = 0;
        var entries = new List<MembershipEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            version = reader.GetInt64(0);
            if (reader.IsDBNull(1)) continue; // the cluster has no members yet
            entries.Add(new MembershipEntry(
                new SiloAddress(reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3)),
                Enum.Parse<MemberStatus>(reader.GetString(4)),
                reader.GetString(5),
                reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetFieldValue<DateTimeOffset>(8),
                reader.GetFieldValue<DateTimeOffset>(9),
                SuspicionJson.Read(reader.GetString(10))));
        }

        return new MembershipSnapshot(version, entries);
    }

    public async Task<bool> TryWriteAsync(string cluster, MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(_tryWriteSql);
        command.Parameters.Add(PostgresDatabase.Parameter(cluster));
        command.Parameters.Add(PostgresDatabase.Parameter(expectedVersion));
        command.Parameters.Add(PostgresDatabase.Parameter(entry.Silo.Host));
        command.Parameters.Add(PostgresDatabase.Parameter(entry.Silo.Port));
        command.Parameters.Add(PostgresDatabase.Parameter(entry.Silo.Generation));
        command.Parameters.Add(PostgresDatabase.Parameter(entry.Status.ToString()));
        command.Parameters.Add(PostgresDatabase.Parameter(entry.InstanceId));
        command.Parameters.Add(PostgresDatabase.Parameter(entry.SiloName));
        command.Parameters.Add(PostgresDatabase.Parameter(entry.HttpAddress, NpgsqlDbType.Text));
        command.Parameters.Add(PostgresDatabase.Parameter(entry.StartedAt.UtcDateTime, NpgsqlDbType.TimestampTz));
        command.Parameters.Add(PostgresDatabase.Parameter(entry.HeartbeatAt.UtcDateTime, NpgsqlDbType.TimestampTz));
        command.Parameters.Add(PostgresDatabase.Parameter(SuspicionJson.Write(entry.Suspicions)));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task HeartbeatAsync(string cluster, SiloAddress silo, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(_heartbeatSql);
        command.Parameters.Add(PostgresDatabase.Parameter(cluster));
        command.Parameters.Add(PostgresDatabase.Parameter(silo.Host));
        command.Parameters.Add(PostgresDatabase.Parameter(silo.Port));
        command.Parameters.Add(PostgresDatabase.Parameter(silo.Generation));
        command.Parameters.Add(PostgresDatabase.Parameter(at.UtcDateTime, NpgsqlDbType.TimestampTz));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> CleanupAsync(string cluster, DateTimeOffset deadBefore, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(_cleanupSql);
        command.Parameters.Add(PostgresDatabase.Parameter(cluster));
        command.Parameters.Add(PostgresDatabase.Parameter(deadBefore.UtcDateTime, NpgsqlDbType.TimestampTz));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Suspicion votes as a small JSON array: [{"by":"host:port@generation","at":unix-ms}].</summary>
    private static class SuspicionJson
    {
        public static string Write(IReadOnlyList<SuspicionVote> votes)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartArray();
                foreach (var vote in votes)
                {
                    writer.WriteStartObject();
                    writer.WriteString("by", vote.By.ToString());
                    writer.WriteNumber("at", vote.At.ToUnixTimeMilliseconds());
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }

        public static IReadOnlyList<SuspicionVote> Read(string json)
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.EnumerateArray()
                .Select(v => new SuspicionVote(SiloAddress.Parse(v.GetProperty("by").GetString()!),
                    DateTimeOffset.FromUnixTimeMilliseconds(v.GetProperty("at").GetInt64())))
                .ToList();
        }
    }
}
