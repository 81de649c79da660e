using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace OrderCluster.Ml.Ssa;

/// <summary>
/// The linear recurrence of recurrent SSA forecasting (Golyandina et al. 2001, ch. 2): with π_i the last coordinate of
/// eigenvector U_i and ν² = Σπ_i², y_t = Σ_{j=1}^{L−1} a_j y_{t−j} with (a_{L−1}, …, a_1) = Σ π_i U_i^∇ / (1 − ν²).
/// Stabilisation moves roots of the characteristic polynomial outside radius g back onto it (ML.NET's ShouldStabilize).
/// </summary>
internal static class LinearRecurrence
{
    /// <summary>Coefficients a_1..a_{L−1} (a_1 multiplies the latest value) from the leading <paramref name="rank"/> eigenvectors.</summary>
    public static double[]? Coefficients(double[][] vectors, int rank)
    {
        var window = vectors[0].Length;
        var verticality = 0.0;
        var r = new double[window - 1];
        for (var i = 0; i < rank; i++)
        {
            var pi = vectors[i][window - 1];
            verticality += pi * pi;
            for (var j = 0; j < window - 1; j++)
            {
                r[j] += pi * vectors[i][j];
            }
        }

        if (verticality >= 1 - 1e-9)
        {
            return null; // e_L lies in the signal subspace: no recurrence exists.
        }

        var a = new double[window - 1];
        for (var j = 1; j < window; j++)
        {
            a[j - 1] = r[window - 1 - j] / (1 - verticality);
        }

        return a;
    }

    /// <summary>
    /// Returns coefficients whose characteristic roots all have magnitude at most <paramref name="maxGrowth"/>:
    /// roots are the eigenvalues of the companion matrix; larger ones are scaled back and the polynomial rebuilt.
    /// The input is returned unchanged when no root exceeds the bound (or the rebuild is numerically unusable).
    /// </summary>
    public static double[] Stabilise(double[] a, double maxGrowth)
    {
        var degree = a.Length;
        if (degree == 0)
        {
            return a;
        }

        var companion = Matrix<double>.Build.Dense(degree, degree);
        for (var j = 0; j < degree; j++)
        {
            companion[0, j] = a[j];
        }

        for (var i = 1; i < degree; i++)
        {
            companion[i, i - 1] = 1;
        }

        var roots = companion.Evd().EigenValues.ToArray();
        var changed = false;
        for (var i = 0; i < roots.Length; i++)
        {
            var magnitude = roots[i].Magnitude;
            if (magnitude > maxGrowth)
            {
                roots[i] *= maxGrowth / magnitude;
                changed = true;
            }
        }

        if (!changed)
        {
            return a;
        }

        // Expand Π (z − root) = z^d + c_1 z^{d−1} + … + c_d; the recurrence has a_j = −c_j.
        var polynomial = new Complex[degree + 1];
        polynomial[0] = Complex.One;
        for (var i = 0; i < degree; i++)
        {
            for (var j = i + 1; j >= 1; j--)
            {
                polynomial[j] -= roots[i] * polynomial[j - 1];
            }
        }

        var stabilised = new double[degree];
        for (var j = 0; j < degree; j++)
        {
            stabilised[j] = -polynomial[j + 1].Real;
            if (!double.IsFinite(stabilised[j]))
            {
                return a;
            }
        }

        return stabilised;
    }

    /// <summary>Runs the recurrence forward: <paramref name="state"/> holds the last L−1 values, oldest first.</summary>
    public static void Extend(double[] a, ReadOnlySpan<double> state, Span<double> forecast)
    {
        var lags = a.Length;
        Span<double> history = lags + forecast.Length <= 1024 ? stackalloc double[lags + forecast.Length] : new double[lags + forecast.Length];
        state.CopyTo(history);
        for (var h = 0; h < forecast.Length; h++)
        {
            var next = 0.0;
            var latest = lags + h - 1;
            for (var j = 0; j < lags; j++)
            {
                next += a[j] * history[latest - j];
            }

            history[lags + h] = next;
            forecast[h] = next;
        }
    }

    /// <summary>Impulse-response weights ψ_0..ψ_{h−1} of the recurrence, used to extend error variances past the computed steps.</summary>
    public static double[] ImpulseResponse(double[] a, int horizon)
    {
        var psi = new double[horizon];
        psi[0] = 1;
        for (var k = 1; k < horizon; k++)
        {
            var sum = 0.0;
            for (var j = 1; j <= Math.Min(k, a.Length); j++)
            {
                sum += a[j - 1] * psi[k - j];
            }

            psi[k] = sum;
        }

        return psi;
    }
}
