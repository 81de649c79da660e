namespace OrderCluster.Runtime.Storage.Postgres.State;

/// <summary>The commit statements with the schema filled in, made once per store.</summary>
internal sealed class CommitSqlText(PostgresDatabase database)
{
    public string UpdateStates { get; } = database.Sql(PostgresCommitSql.UpdateStates);

    public string InsertStates { get; } = database.Sql(PostgresCommitSql.InsertStates);

    public string ChangeTimers { get; } = database.Sql(PostgresCommitSql.ChangeTimers);

    public string LockTimers { get; } = database.Sql(PostgresCommitSql.LockTimers);

    public string Round { get; } = database.Sql(PostgresCommitSql.Round);

    public string RoundWithEvents { get; } = database.Sql(PostgresCommitSql.RoundWithEvents);

    public string ReadVersions { get; } = database.Sql(PostgresCommitSql.ReadVersions);

    public string ReadState { get; } = database.Sql(PostgresCommitSql.ReadState);
}
