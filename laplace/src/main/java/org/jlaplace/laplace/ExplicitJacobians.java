package org.jlaplace.laplace;

import org.jlaplace.laplace.prior.ParameterGroups;

/**
 * A linearised model given by explicit per-datum Jacobians {@code J_n} ({@code N×C×P}), outputs
 * {@code f_n} and parameters {@code θ*}: the reference path (every identity is tested on random
 * Jacobians) and a fallback for small models.
 */
public final class ExplicitJacobians extends ModelShape {
    private final double[] jacobians;
    private final double[] predictions;
    private final double[] parameters;

    /**
     * @param jacobians   row-major {@code N×C×P}
     * @param predictions row-major {@code N×C}
     * @param parameters  {@code θ*}, length {@code P}
     */
    public ExplicitJacobians(double[] jacobians, double[] predictions, double[] parameters, ParameterGroups groups,
                             int n, int c) {
        super(groups, n, c);
        int p = groups.totalSize();
        if (jacobians.length != (long) n * c * p || predictions.length != n * c || parameters.length != p) {
            throw new IllegalArgumentException("explicit Jacobians: got J " + jacobians.length + ", f "
                    + predictions.length + ", θ " + parameters.length + " values for N=" + n + ", C=" + c
                    + ", P=" + p);
        }
        this.jacobians = jacobians;
        this.predictions = predictions;
        this.parameters = parameters;
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    /** The Jacobians, {@code N×C×P} (not a copy). */
    public double[] jacobians() {
        return jacobians;
    }

    @Override
    public JacobianBatch batch(int[] indices) {
        checkBatchIndices("explicit Jacobians", indices);
        int p = groups.totalSize();
        double[] j = new double[indices.length * c * p];
        double[] f = new double[indices.length * c];
        for (int i = 0; i < indices.length; i++) {
            int src = indices[i];
            System.arraycopy(jacobians, src * c * p, j, i * c * p, c * p);
            System.arraycopy(predictions, src * c, f, i * c, c);
        }
        return new Batch(j, f, indices.length, c, groups);
    }

    private static final class Batch extends BatchShape {
        private final double[] j;

        Batch(double[] j, double[] f, int m, int c, ParameterGroups groups) {
            super(f, m, c, groups);
            this.j = j;
        }

        @Override
        public double[] weightedJacobian(double[] a, int r) {
            return WeightedJacobians.apply(j, a, m, c, r, groups.totalSize());
        }
    }
}
