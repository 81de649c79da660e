namespace OrderCluster.Dashboard.Collection;

/// <summary>The last N per-second points of this silo: a fixed ring, so memory stays bounded however long the silo runs.</summary>
internal sealed class PointHistory(int capacity)
{
    private readonly SiloPoint?[] _points = new SiloPoint?[capacity];
    private readonly Lock _lock = new();
    private int _next;
    private int _count;

    public int Capacity => capacity;

    public void Add(SiloPoint point)
    {
        lock (_lock)
        {
            _points[_next] = point;
            _next = (_next + 1) % capacity;
            _count = Math.Min(_count + 1, capacity);
        }
    }

    /// <summary>The points, oldest first.</summary>
    public IReadOnlyList<SiloPoint> ToList()
    {
        lock (_lock)
        {
            var list = new List<SiloPoint>(_count);
            for (var i = 0; i < _count; i++) list.Add(_points[(_next - _count + i + capacity) % capacity]!);
            return list;
        }
    }
}
