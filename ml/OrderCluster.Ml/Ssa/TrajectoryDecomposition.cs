using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace OrderCluster.Ml.Ssa;

/// <summary>
/// Embedding and decomposition step of basic SSA (Golyandina, Nekrutkin &amp; Zhigljavsky 2001): the L×L lag-covariance
/// matrix S = X Xᵀ of the L×K trajectory (Hankel) matrix X, and its eigenvectors by decreasing eigenvalue.
/// </summary>
internal static class TrajectoryDecomposition
{
    /// <summary>Returns eigenvectors (as rows, length L) and eigenvalues, largest first.</summary>
    public static (double[][] Vectors, double[] Values) Decompose(ReadOnlySpan<double> y, int window)
    {
        var covariance = LagCovariance(y, window);
        var evd = Matrix<double>.Build.DenseOfArray(covariance).Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(v => v.Real).ToArray();
        var order = Enumerable.Range(0, window).OrderByDescending(i => values[i]).ToArray();
        var vectors = new double[window][];
        var sorted = new double[window];
        for (var k = 0; k < window; k++)
        {
            var column = evd.EigenVectors.Column(order[k]);
            vectors[k] = column.ToArray();
            sorted[k] = Math.Max(0, values[order[k]]);
        }

        return (vectors, sorted);
    }

    /// <summary>S[i, j] = Σ_k y[i + k]·y[j + k] over the K = n − L + 1 columns, by the sliding update along diagonals.</summary>
    internal static double[,] LagCovariance(ReadOnlySpan<double> y, int window)
    {
        var columns = y.Length - window + 1;
        var s = new double[window, window];
        for (var j = 0; j < window; j++)
        {
            var sum = 0.0;
            for (var k = 0; k < columns; k++)
            {
                sum += y[k] * y[j + k];
            }

            s[0, j] = sum;
        }

        for (var i = 1; i < window; i++)
        {
            for (var j = i; j < window; j++)
            {
                s[i, j] = s[i - 1, j - 1] - y[i - 1] * y[j - 1] + y[i - 1 + columns] * y[j - 1 + columns];
            }
        }

        for (var i = 0; i < window; i++)
        {
            for (var j = 0; j < i; j++)
            {
                s[i, j] = s[j, i];
            }
        }

        return s;
    }
}
