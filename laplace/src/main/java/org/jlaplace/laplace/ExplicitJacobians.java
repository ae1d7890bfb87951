package org.jlaplace.laplace;

import org.jlaplace.laplace.prior.ParameterGroups;

/**
 * A linearised model given by explicit per-datum Jacobians {@code J_n} ({@code N×C×P}), outputs
 * {@code f_n} and parameters {@code θ*}: the reference path (every identity is tested on random
 * Jacobians) and a fallback for small models.
 */
public final class ExplicitJacobians implements LinearizedModel {
    private final double[] jacobians;
    private final double[] predictions;
    private final double[] parameters;
    private final ParameterGroups groups;
    private final int n;
    private final int c;

    /**
     * @param jacobians   row-major {@code N×C×P}
     * @param predictions row-major {@code N×C}
     * @param parameters  {@code θ*}, length {@code P}
     */
    public ExplicitJacobians(double[] jacobians, double[] predictions, double[] parameters, ParameterGroups groups,
                             int n, int c) {
        int p = groups.totalSize();
        if (jacobians.length != (long) n * c * p || predictions.length != n * c || parameters.length != p) {
            throw new IllegalArgumentException("explicit Jacobians: got J " + jacobians.length + ", f "
                    + predictions.length + ", θ " + parameters.length + " values for N=" + n + ", C=" + c
                    + ", P=" + p);
        }
        this.jacobians = jacobians;
        this.predictions = predictions;
        this.parameters = parameters;
        this.groups = groups;
        this.n = n;
        this.c = c;
    }

    @Override
    public int dataSize() {
        return n;
    }

    @Override
    public int outputs() {
        return c;
    }

    @Override
    public ParameterGroups groups() {
        return groups;
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
        int p = groups.totalSize();
        double[] j = new double[indices.length * c * p];
        double[] f = new double[indices.length * c];
        for (int i = 0; i < indices.length; i++) {
            int src = indices[i];
            if (src < 0 || src >= n) {
                throw new IllegalArgumentException("explicit Jacobians: batch index " + src + " outside 0.." + (n - 1));
            }
            System.arraycopy(jacobians, src * c * p, j, i * c * p, c * p);
            System.arraycopy(predictions, src * c, f, i * c, c);
        }
        return new Batch(j, f, indices.length);
    }

    private final class Batch implements JacobianBatch {
        private final double[] j;
        private final double[] f;
        private final int m;

        Batch(double[] j, double[] f, int m) {
            this.j = j;
            this.f = f;
            this.m = m;
        }

        @Override
        public int size() {
            return m;
        }

        @Override
        public int outputs() {
            return c;
        }

        @Override
        public ParameterGroups groups() {
            return groups;
        }

        @Override
        public double[] predictions() {
            return f.clone();
        }

        @Override
        public double[] weightedJacobian(double[] a, int r) {
            return WeightedJacobians.apply(j, a, m, c, r, groups.totalSize());
        }
    }
}
