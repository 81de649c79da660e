namespace OrderCluster.Ml.Numerics;

/// <summary>
/// Derivative-free minimiser of Nelder &amp; Mead (1965) inside a box: points are clamped to the bounds, so the
/// objective only ever sees admissible parameters. Used for the ETS likelihood and the SES fit of Theta.
/// </summary>
internal static class NelderMead
{
    /// <summary>Minimises <paramref name="objective"/> from <paramref name="start"/>; returns the best point and value.</summary>
    public static (double[] Point, double Value) Minimise(
        Func<double[], double> objective,
        double[] start,
        double[] lower,
        double[] upper,
        int maxEvaluations = 400,
        double tolerance = 1e-7)
    {
        var dim = start.Length;
        var simplex = new double[dim + 1][];
        var values = new double[dim + 1];
        var evaluations = 0;

        double Evaluate(double[] x)
        {
            evaluations++;
            var v = objective(x);
            return double.IsFinite(v) ? v : double.MaxValue;
        }

        simplex[0] = Clamp((double[])start.Clone(), lower, upper);
        values[0] = Evaluate(simplex[0]);
        for (var i = 0; i < dim; i++)
        {
            var p = (double[])simplex[0].Clone();
            var step = 0.1 * (upper[i] - lower[i]);
            p[i] = p[i] + step <= upper[i] ? p[i] + step : p[i] - step;
            simplex[i + 1] = Clamp(p, lower, upper);
            values[i + 1] = Evaluate(simplex[i + 1]);
        }

        var order = new int[dim + 1];
        var centroid = new double[dim];
        var trial = new double[dim];
        var trial2 = new double[dim];
        while (evaluations < maxEvaluations)
        {
            for (var i = 0; i <= dim; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (a, b) => values[a].CompareTo(values[b]));
            int best = order[0], worst = order[dim], secondWorst = order[dim - 1 < 0 ? 0 : dim - 1];
            if (Math.Abs(values[worst] - values[best]) <= tolerance * (Math.Abs(values[best]) + tolerance))
            {
                break;
            }

            Array.Clear(centroid);
            for (var i = 0; i <= dim; i++)
            {
                if (i == worst)
                {
                    continue;
                }

                for (var j = 0; j < dim; j++)
                {
                    centroid[j] += simplex[i][j] / dim;
                }
            }

            Move(centroid, simplex[worst], -1.0, trial, lower, upper);
            var reflected = Evaluate(trial);
            if (reflected < values[best])
            {
                Move(centroid, simplex[worst], -2.0, trial2, lower, upper);
                var expanded = Evaluate(trial2);
                Accept(expanded < reflected ? trial2 : trial, Math.Min(expanded, reflected));
            }
            else if (reflected < values[secondWorst])
            {
                Accept(trial, reflected);
            }
            else
            {
                var outside = reflected < values[worst];
                Move(centroid, simplex[worst], outside ? -0.5 : 0.5, trial2, lower, upper);
                var contracted = Evaluate(trial2);
                if (contracted < Math.Min(reflected, values[worst]))
                {
                    Accept(trial2, contracted);
                }
                else
                {
                    for (var i = 0; i <= dim; i++)
                    {
                        if (i == best)
                        {
                            continue;
                        }

                        for (var j = 0; j < dim; j++)
                        {
                            simplex[i][j] = simplex[best][j] + 0.5 * (simplex[i][j] - simplex[best][j]);
                        }

                        values[i] = Evaluate(simplex[i]);
                    }
                }
            }

            void Accept(double[] point, double value)
            {
                Array.Copy(point, simplex[worst], dim);
                values[worst] = value;
            }
        }

        var bestIndex = 0;
        for (var i = 1; i <= dim; i++)
        {
            if (values[i] < values[bestIndex])
            {
                bestIndex = i;
            }
        }

        return (simplex[bestIndex], values[bestIndex]);
    }

    // x = centroid + t * (vertex - centroid), clamped: t = -1 reflects, -2 expands, ±0.5 contracts.
    private static void Move(double[] centroid, double[] vertex, double t, double[] result, double[] lower, double[] upper)
    {
        for (var j = 0; j < centroid.Length; j++)
        {
            result[j] = Math.Clamp(centroid[j] + t * (vertex[j] - centroid[j]), lower[j], upper[j]);
        }
    }

    private static double[] Clamp(double[] x, double[] lower, double[] upper)
    {
        for (var j = 0; j < x.Length; j++)
        {
            x[j] = Math.Clamp(x[j], lower[j], upper[j]);
        }

        return x;
    }
}
