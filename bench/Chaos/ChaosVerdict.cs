namespace OrderCluster.Bench.Chaos;

/// <summary>The checks' outcome: violations per check (the first few printed in full), figures, and the exit code.</summary>
internal sealed class ChaosVerdict
{
    private const int PrintedPerCheck = 10;
    private readonly Dictionary<string, int> _violations = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public void Violation(string check, string text)
    {
        Start(check);
        var count = _violations[check] += 1;
        if (count <= PrintedPerCheck) BenchReport.Note($"VIOLATION [{check}] {text}");
    }

    /// <summary>Names a check as run, so the summary lists it even when it found nothing.</summary>
    public void Start(string check)
    {
        if (_violations.TryAdd(check, 0)) _order.Add(check);
    }

    public static void Figure(string name, double value, string unit) => BenchReport.Figure("chaos." + name, value, unit);

    public int Violations => _violations.Values.Sum();

    /// <summary>One line per check (passed, or its violation count) and the total; the exit code is 1 on any violation.</summary>
    public int Summarize()
    {
        BenchReport.Note("chaos verification summary:");
        foreach (var check in _order)
            BenchReport.Note(_violations[check] == 0 ? $"  PASS  {check}" : $"  FAIL  {check}: {_violations[check]} violation(s)");
        Figure("violations", Violations, "violations");
        BenchReport.Note(Violations == 0 ? "chaos verification PASSED" : $"chaos verification FAILED with {Violations} violation(s)");
        return Violations == 0 ? 0 : 1;
    }
}
