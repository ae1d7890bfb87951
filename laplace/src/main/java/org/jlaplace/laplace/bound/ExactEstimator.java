package org.jlaplace.laplace.bound;

import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.curvature.GgnStructure;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.Prior;

/**
 * The exact linearised-Laplace log marginal likelihood (MATHEMATICS.md (3.1)) on the whole data set:
 * {@code log det(I_P + P0⁻¹ H)} in parameter space ({@code P×P}) or, by the determinant lemma,
 * {@code log det(I_NC + G)} in function space ({@code NC×NC}), whichever matrix is smaller
 * (unless a form is forced).
 */
public final class ExactEstimator implements BoundEstimator<ExactEstimator.Statistics> {

    /** Which form to use. */
    public enum Form { AUTOMATIC, PARAMETRIC, FUNCTION_SPACE }

    /** The prepared statistics of the chosen form. */
    public record Statistics(KernelStatistics kernel, ParametricEstimator.Statistics parametric) {
        /** Whether the function-space form was chosen. */
        public boolean functionSpace() {
            return kernel != null;
        }
    }

    private final Form form;
    private final KernelPartitionEstimator kernel = new KernelPartitionEstimator();
    private final ParametricEstimator parametric = new ParametricEstimator(GgnStructure.FULL);

    public ExactEstimator(Form form) {
        this.form = form;
    }

    public ExactEstimator() {
        this(Form.AUTOMATIC);
    }

    @Override
    public String name() {
        return "exact";
    }

    @Override
    public boolean isCertifiedBound() {
        return true;
    }

    @Override
    public boolean requiresWholeData() {
        return true;
    }

    @Override
    public boolean isExactOnWholeData() {
        return true;
    }

    @Override
    public Statistics prepare(JacobianBatch batch, Likelihood likelihood, Prior prior) {
        long functionSize = (long) batch.size() * likelihood.outputs();
        long parameterSize = batch.groups().totalSize();
        boolean useKernel = switch (form) {
            case FUNCTION_SPACE -> true;
            case PARAMETRIC -> false;
            case AUTOMATIC -> functionSize <= parameterSize;
        };
        return useKernel
                ? new Statistics(kernel.prepare(batch, likelihood, prior), null)
                : new Statistics(null, parametric.prepare(batch, likelihood, prior));
    }

    @Override
    public LogDetTerm logDetTerm(Statistics s, Likelihood likelihood, Prior prior) {
        return s.functionSpace()
                ? kernel.logDetTerm(s.kernel(), likelihood, prior)
                : parametric.logDetTerm(s.parametric(), likelihood, prior);
    }
}
