package org.jlaplace.bench.data;

/**
 * Per-column z-scores {@code (x − μ_j)/s_j} with the mean and the (population) standard deviation
 * of a reference data set, usually the training part, so test data are scaled by training
 * statistics. Constant columns ({@code s_j = 0}) are only centred.
 */
public final class Standardizer {
    private final double[] mean;
    private final double[] scale;

    private Standardizer(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /** Fits on the inputs of {@code d}. */
    public static Standardizer fitInputs(Dataset d) {
        double[][] rows = new double[d.size()][];
        for (int i = 0; i < d.size(); i++) {
            rows[i] = d.x(i);
        }
        return fit(rows);
    }

    /** Fits on the regression targets of {@code d}. */
    public static Standardizer fitTargets(Dataset d) {
        double[][] rows = new double[d.size()][];
        for (int i = 0; i < d.size(); i++) {
            rows[i] = d.target(i);
        }
        return fit(rows);
    }

    static Standardizer fit(double[][] rows) {
        int f = rows.length == 0 ? 0 : rows[0].length;
        double[] mean = new double[f];
        double[] scale = new double[f];
        for (double[] r : rows) {
            for (int j = 0; j < f; j++) {
                mean[j] += r[j];
            }
        }
        for (int j = 0; j < f; j++) {
            mean[j] /= rows.length;
        }
        for (double[] r : rows) {
            for (int j = 0; j < f; j++) {
                double c = r[j] - mean[j];
                scale[j] += c * c;
            }
        }
        for (int j = 0; j < f; j++) {
            double sd = Math.sqrt(scale[j] / rows.length);
            scale[j] = sd > 0 ? sd : 1.0;
        }
        return new Standardizer(mean, scale);
    }

    /** The inputs of {@code d} standardized. */
    public Dataset applyToInputs(Dataset d) {
        double[][] out = new double[d.size()][];
        for (int i = 0; i < d.size(); i++) {
            out[i] = apply(d.x(i));
        }
        return d.withInputs(out);
    }

    /** The targets of {@code d} standardized. */
    public Dataset applyToTargets(Dataset d) {
        double[][] out = new double[d.size()][];
        for (int i = 0; i < d.size(); i++) {
            out[i] = apply(d.target(i));
        }
        return d.withTargets(out);
    }

    private double[] apply(double[] row) {
        double[] o = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            o[j] = (row[j] - mean[j]) / scale[j];
        }
        return o;
    }

    /** Column means. */
    public double[] mean() { return mean.clone(); }

    /** Column scales (standard deviations, 1 for constant columns). */
    public double[] scale() { return scale.clone(); }
}
