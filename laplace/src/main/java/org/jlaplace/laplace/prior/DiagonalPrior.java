package org.jlaplace.laplace.prior;

/** One precision {@code δ_p} per parameter. */
public final class DiagonalPrior implements Prior {
    private final double[] logPrecisions;

    public DiagonalPrior(double[] logPrecisions) {
        this.logPrecisions = PriorChecks.checkLogs(logPrecisions);
    }

    @Override
    public String structure() {
        return "diagonal";
    }

    @Override
    public int size() {
        return logPrecisions.length;
    }

    @Override
    public double[] logPrecisions() {
        return logPrecisions.clone();
    }

    @Override
    public DiagonalPrior withLogPrecisions(double[] logs) {
        PriorChecks.checkCount("diagonal", logs.length, logPrecisions.length, "hyperparameters");
        return new DiagonalPrior(logs);
    }

    /** {@code null}: precisions vary inside a group. Checks the parameter count. */
    @Override
    public int[] hyperparameterOfGroup(ParameterGroups groups) {
        PriorChecks.checkCount("diagonal", logPrecisions.length, groups.totalSize(), "parameters");
        return null;
    }

    @Override
    public double[] precisionPerParameter(ParameterGroups groups) {
        PriorChecks.checkCount("diagonal", logPrecisions.length, groups.totalSize(), "parameters");
        double[] d = new double[logPrecisions.length];
        for (int p = 0; p < d.length; p++) {
            d[p] = Math.exp(logPrecisions[p]);
        }
        return d;
    }

    @Override
    public String toString() {
        return "DiagonalPrior[" + logPrecisions.length + "]";
    }
}
