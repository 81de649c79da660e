namespace OrderCluster.Ml.Cli;

/// <summary>Process exit codes of <c>ordercluster-ml</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The command succeeded.</summary>
    public const int Success = 0;

    /// <summary>An input file is malformed (the message names the row and column).</summary>
    public const int InvalidInput = 1;

    /// <summary>The command line is invalid (unknown option, missing or out-of-range value).</summary>
    public const int Usage = 2;

    /// <summary>A file could not be read or written.</summary>
    public const int FileError = 3;

    /// <summary>The run was cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
