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
    /// Returns coefficients whose characteristic roots all have magnitude at most <paramref name="maxGrowth"/>.
    /// The roots are the eigenvalues of the companion matrix; each one outside the bound is polished by Newton's
    /// method, divided out of the polynomial and replaced by the same root scaled back onto the bound. Only the
    /// offending factors change, which stays accurate at high degree where expanding all roots would not.
    /// The input is returned unchanged when no root exceeds the bound.
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

        // P(z) = z^d − a_1 z^{d−1} − … − a_d, highest power first.
        var polynomial = new Complex[degree + 1];
        polynomial[0] = Complex.One;
        for (var j = 0; j < degree; j++)
        {
            polynomial[j + 1] = -a[j];
        }

        var changed = false;
        foreach (var estimate in companion.Evd().EigenValues)
        {
            // One root of each conjugate pair is handled; its partner is replaced with it.
            if (estimate.Magnitude <= maxGrowth || estimate.Imaginary < -1e-12)
            {
                continue;
            }

            var root = Polish(polynomial, estimate);
            if (root.Magnitude <= maxGrowth)
            {
                continue;
            }

            var replacement = root * (maxGrowth / root.Magnitude);
            var isReal = Math.Abs(root.Imaginary) <= 1e-9 * Math.Max(1, root.Magnitude);
            if (isReal)
            {
                root = new Complex(root.Real, 0);
                replacement = new Complex(replacement.Real, 0);
            }

            ReplaceFactor(polynomial, root, replacement);
            if (!isReal)
            {
                ReplaceFactor(polynomial, Complex.Conjugate(root), Complex.Conjugate(replacement));
            }

            changed = true;
        }

        if (!changed)
        {
            return a;
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

    private static Complex Polish(Complex[] polynomial, Complex root)
    {
        for (var iteration = 0; iteration < 20; iteration++)
        {
            Complex value = polynomial[0], derivative = Complex.Zero;
            for (var k = 1; k < polynomial.Length; k++)
            {
                derivative = derivative * root + value;
                value = value * root + polynomial[k];
            }

            if (derivative == Complex.Zero)
            {
                break;
            }

            var step = value / derivative;
            root -= step;
            if (step.Magnitude <= 1e-14 * Math.Max(1, root.Magnitude))
            {
                break;
            }
        }

        return root;
    }

    /// <summary>P(z) ← P(z)·(z − replacement)/(z − root): synthetic division, then multiplication by the new factor.</summary>
    private static void ReplaceFactor(Complex[] polynomial, Complex root, Complex replacement)
    {
        var degree = polynomial.Length - 1;
        var quotient = new Complex[degree];
        quotient[0] = polynomial[0];
        for (var k = 1; k < degree; k++)
        {
            quotient[k] = polynomial[k] + root * quotient[k - 1];
        }

        polynomial[0] = quotient[0];
        for (var k = 1; k < degree; k++)
        {
            polynomial[k] = quotient[k] - replacement * quotient[k - 1];
        }

        polynomial[degree] = -replacement * quotient[degree - 1];
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
