namespace OrderCluster.Runtime.Storage.Sqlite.Timers;

/// <summary>
/// Hands out timer versions inside one write transaction: reads the counter row once, counts in memory, writes it back
/// once. Safe because the transaction holds SQLite's single write lock.
/// </summary>
internal sealed class TimerVersionCounter(SqliteWriteTransaction transaction)
{
    private long? _last;
    private bool _changed;

    public long Next()
    {
        _last ??= Convert.ToInt64(transaction.Scalar("SELECT last FROM timer_version_counter WHERE id = 1"));
        _last++;
        _changed = true;
        return _last.Value;
    }

    /// <summary>Gives back the last version handed out when it was not used (a settle that matched nothing).</summary>
    public void Unused(long version)
    {
        if (_last == version) _last--;
    }

    public void Save()
    {
        if (_changed) transaction.Execute("UPDATE timer_version_counter SET last = $last WHERE id = 1", _last);
    }
}
