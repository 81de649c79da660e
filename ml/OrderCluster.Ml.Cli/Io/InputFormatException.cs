namespace OrderCluster.Ml.Cli.Io;

/// <summary>A malformed input file; the message names the file, the 1-based row and, where known, the column.</summary>
internal sealed class InputFormatException(string path, int row, int? column, string problem)
    : Exception(column is { } c ? $"{path}: row {row}, column {c}: {problem}" : $"{path}: row {row}: {problem}")
{
    public int Row { get; } = row;

    public int? Column { get; } = column;
}
