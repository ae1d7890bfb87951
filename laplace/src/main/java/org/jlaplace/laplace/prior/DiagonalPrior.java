package org.jlaplace.laplace.prior;

/** One precision {@code δ_p} per parameter. */
public final class DiagonalPrior extends VectorPrior {

    public DiagonalPrior(double[] logPrecisions) {
        super(logPrecisions);
    }

    @Override
    public PriorStructure structure() {
        return PriorStructure.DIAGONAL;
    }

    @Override
    public DiagonalPrior withLogPrecisions(double[] logs) {
        return new DiagonalPrior(sameSize(logs));
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
