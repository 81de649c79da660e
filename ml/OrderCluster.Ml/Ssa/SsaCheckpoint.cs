using System.Text.Json;

namespace OrderCluster.Ml.Ssa;

/// <summary>
/// The complete state of a fitted <see cref="SsaModel"/>: enough to restore it in another process and keep
/// forecasting and updating exactly where it stopped. Serialise with <see cref="ToJson"/> / <see cref="FromJson"/>.
/// </summary>
public sealed record SsaCheckpoint
{
    /// <summary>Format version; readers reject versions they do not know.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>Window length L.</summary>
    public int WindowSize { get; init; }

    /// <summary>Signal rank r.</summary>
    public int Rank { get; init; }

    /// <summary>Leading eigenvectors, r rows of length L.</summary>
    public double[][] Eigenvectors { get; init; } = [];

    /// <summary>Recurrence coefficients a_1..a_{L−1} (after stabilisation); a_1 multiplies the latest value.</summary>
    public double[] Coefficients { get; init; } = [];

    /// <summary>Most recent values on the model's (transformed) scale, oldest first.</summary>
    public double[] Buffer { get; init; } = [];

    /// <summary>Capacity of the buffer (the <see cref="SsaOptions.SeriesLength"/>).</summary>
    public int BufferCapacity { get; init; }

    /// <summary>Forecast-error variance for each step 1..H on the model's scale.</summary>
    public double[] StepVariances { get; init; } = [];

    /// <summary>Box-Cox λ when the model works on a transformed scale, else null.</summary>
    public double? TransformLambda { get; init; }

    /// <summary>Box-Cox shift (added before the transform).</summary>
    public double TransformShift { get; init; }

    /// <summary>Observations seen so far (training plus updates).</summary>
    public long ObservationCount { get; init; }

    /// <summary>The format version this library writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Serialises the checkpoint to JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Reads a checkpoint written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The text is not a checkpoint of a known version.</exception>
    public static SsaCheckpoint FromJson(string json)
    {
        SsaCheckpoint? checkpoint;
        try
        {
            checkpoint = JsonSerializer.Deserialize<SsaCheckpoint>(json);
        }
        catch (JsonException e)
        {
            throw new FormatException("The text is not an SSA checkpoint: " + e.Message, e);
        }

        if (checkpoint is null || checkpoint.Version != CurrentVersion)
        {
            throw new FormatException($"Unsupported SSA checkpoint version {checkpoint?.Version}; expected {CurrentVersion}.");
        }

        return checkpoint;
    }
}
