package org.jlaplace.laplace.prior;

/** One precision {@code δ} for every parameter: {@code P0 = δ·I}. */
public final class ScalarPrior implements Prior {
    private final double logPrecision;

    public ScalarPrior(double logPrecision) {
        this.logPrecision = PriorChecks.checkLogs(new double[] {logPrecision})[0];
    }

    @Override
    public PriorStructure structure() {
        return PriorStructure.SCALAR;
    }

    @Override
    public int size() {
        return 1;
    }

    @Override
    public double[] logPrecisions() {
        return new double[] {logPrecision};
    }

    @Override
    public ScalarPrior withLogPrecisions(double[] logPrecisions) {
        PriorChecks.checkCount("scalar", logPrecisions.length, 1, "hyperparameter");
        return new ScalarPrior(logPrecisions[0]);
    }

    @Override
    public int[] hyperparameterOfGroup(ParameterGroups groups) {
        return new int[groups.count()];
    }

    @Override
    public double[] precisionPerParameter(ParameterGroups groups) {
        double[] d = new double[groups.totalSize()];
        java.util.Arrays.fill(d, Math.exp(logPrecision));
        return d;
    }

    @Override
    public String toString() {
        return "ScalarPrior[δ=" + Math.exp(logPrecision) + "]";
    }
}
