using System.Globalization;
using OrderCluster.Ml.Numerics;
using OrderCluster.Ml.Preprocessing;

namespace OrderCluster.Ml.Ssa;

/// <summary>
/// A fitted SSA forecaster (recurrent forecasting, Golyandina et al. 2001; the design of ML.NET's ForecastBySsa).
/// The forecast starts from the last window projected onto the signal subspace and runs the (stabilised)
/// linear recurrence; bounds use the forecast-error variance measured per horizon step on the training data.
/// <see cref="ForecastModel.Update"/> appends observations to the buffer; <see cref="Checkpoint"/> and
/// <see cref="Restore"/> move the state across processes.
/// </summary>
public sealed class SsaModel : ForecastModel
{
    private readonly double[][] _vectors;
    private readonly double[] _coefficients;
    private readonly double[] _stepVariances;
    private readonly BoxCox? _transform;
    private readonly double[] _buffer;
    private int _bufferCount;
    private int _bufferStart;
    private long _observationCount;

    internal SsaModel(double[][] vectors, double[] coefficients, double[] stepVariances, ReadOnlySpan<double> history,
        int bufferCapacity, BoxCox? transform, long observationCount)
    {
        _vectors = vectors;
        _coefficients = coefficients;
        _stepVariances = stepVariances;
        _transform = transform;
        var window = coefficients.Length + 1;
        _buffer = new double[Math.Max(bufferCapacity, window)];
        foreach (var v in history[Math.Max(0, history.Length - _buffer.Length)..])
        {
            Push(v);
        }

        _observationCount = observationCount;
    }

    /// <inheritdoc />
    public override string Name => "SSA";

    /// <inheritdoc />
    public override string Description => string.Create(CultureInfo.InvariantCulture, $"SSA(L={WindowSize},r={Rank})");

    /// <summary>Window length L.</summary>
    public int WindowSize => _coefficients.Length + 1;

    /// <summary>Signal rank r.</summary>
    public int Rank => _vectors.Length;

    /// <summary>Captures the full state; the model can keep running afterwards.</summary>
    public SsaCheckpoint Checkpoint() => new()
    {
        WindowSize = WindowSize,
        Rank = Rank,
        Eigenvectors = _vectors.Select(v => (double[])v.Clone()).ToArray(),
        Coefficients = (double[])_coefficients.Clone(),
        Buffer = BufferValues(),
        BufferCapacity = _buffer.Length,
        StepVariances = (double[])_stepVariances.Clone(),
        TransformLambda = _transform?.Lambda,
        TransformShift = _transform?.Shift ?? 0,
        ObservationCount = _observationCount,
    };

    /// <summary>Rebuilds a model from a checkpoint.</summary>
    /// <exception cref="ArgumentException">The checkpoint is inconsistent (e.g. vectors of the wrong length).</exception>
    public static SsaModel Restore(SsaCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var window = checkpoint.WindowSize;
        if (window < 2 || checkpoint.Coefficients.Length != window - 1 || checkpoint.Rank != checkpoint.Eigenvectors.Length
            || checkpoint.Eigenvectors.Any(v => v.Length != window) || checkpoint.Buffer.Length < window
            || checkpoint.StepVariances.Length == 0)
        {
            throw new ArgumentException("The SSA checkpoint is inconsistent (window, rank, vectors, buffer or variances).", nameof(checkpoint));
        }

        var transform = checkpoint.TransformLambda is { } lambda ? new BoxCox(lambda, checkpoint.TransformShift) : null;
        return new SsaModel(
            checkpoint.Eigenvectors.Select(v => (double[])v.Clone()).ToArray(),
            (double[])checkpoint.Coefficients.Clone(),
            (double[])checkpoint.StepVariances.Clone(),
            checkpoint.Buffer,
            checkpoint.BufferCapacity,
            transform,
            checkpoint.ObservationCount);
    }

    internal override void ForecastInto(Span<double> point, Span<double> lower, Span<double> upper, double level)
    {
        ForecastOnModelScale(point);
        var variances = VariancesFor(point.Length);
        var z = Stats.NormalQuantile(level);
        for (var h = 0; h < point.Length; h++)
        {
            var halfWidth = z * Math.Sqrt(variances[h]);
            lower[h] = Original(point[h] - halfWidth);
            upper[h] = Original(point[h] + halfWidth);
            point[h] = Original(point[h]);
        }
    }

    internal override void PointInto(Span<double> point)
    {
        ForecastOnModelScale(point);
        for (var h = 0; h < point.Length; h++)
        {
            point[h] = Original(point[h]);
        }
    }

    internal override void UpdateCore(double observation)
    {
        double value;
        if (double.IsNaN(observation))
        {
            Span<double> next = stackalloc double[1];
            ForecastOnModelScale(next);
            value = next[0];
        }
        else
        {
            value = _transform?.Forward(observation) ?? observation;
        }

        Push(value);
        _observationCount++;
    }

    private void ForecastOnModelScale(Span<double> forecast)
    {
        var window = WindowSize;
        var last = new double[window];
        var values = BufferValues();
        Array.Copy(values, values.Length - window, last, 0, window);
        var projected = SsaFitter.Project(_vectors, Rank, last);
        LinearRecurrence.Extend(_coefficients, projected.AsSpan(1), forecast);
    }

    /// <summary>Per-step variances; past the measured steps they grow with the recurrence's impulse response.</summary>
    private double[] VariancesFor(int horizon)
    {
        var measured = _stepVariances.Length;
        var variances = new double[horizon];
        Array.Copy(_stepVariances, variances, Math.Min(horizon, measured));
        if (horizon > measured)
        {
            var psi = LinearRecurrence.ImpulseResponse(_coefficients, horizon);
            var cumulative = new double[horizon];
            var sum = 0.0;
            for (var k = 0; k < horizon; k++)
            {
                sum += psi[k] * psi[k];
                cumulative[k] = sum;
            }

            for (var h = measured; h < horizon; h++)
            {
                variances[h] = _stepVariances[measured - 1] * Math.Max(1, cumulative[h] / cumulative[measured - 1]);
            }
        }

        return variances;
    }

    private double Original(double value) => _transform?.Inverse(value) ?? value;

    private void Push(double value)
    {
        if (_bufferCount < _buffer.Length)
        {
            _buffer[(_bufferStart + _bufferCount) % _buffer.Length] = value;
            _bufferCount++;
        }
        else
        {
            _buffer[_bufferStart] = value;
            _bufferStart = (_bufferStart + 1) % _buffer.Length;
        }
    }

    private double[] BufferValues()
    {
        var values = new double[_bufferCount];
        for (var i = 0; i < _bufferCount; i++)
        {
            values[i] = _buffer[(_bufferStart + i) % _buffer.Length];
        }

        return values;
    }
}
