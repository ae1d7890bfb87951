package org.jlaplace.laplace.bound;

import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.Prior;

/**
 * The exact linearised-Laplace log marginal likelihood (MATHEMATICS.md (3.1)) on the whole data set:
 * {@code log det(I_P + P0⁻¹ H)} in parameter space ({@code P×P}) or, by the determinant lemma,
 * {@code log det(I_NR + G)} in function space ({@code N·R×N·R}, thin factor), whichever matrix is
 * smaller (unless a form is forced); see {@link FullCurvature}.
 */
public final class ExactEstimator implements BoundEstimator<FullCurvature.Statistics> {

    /** Which form to use. */
    public enum Form { AUTOMATIC, PARAMETRIC, FUNCTION_SPACE }

    private final FullCurvature.Form form;

    public ExactEstimator(Form form) {
        this.form = switch (form) {
            case AUTOMATIC -> FullCurvature.Form.CHEAPER;
            case PARAMETRIC -> FullCurvature.Form.PARAMETER;
            case FUNCTION_SPACE -> FullCurvature.Form.KERNEL;
        };
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
    public FullCurvature.Statistics prepare(JacobianBatch batch, Likelihood likelihood, Prior prior) {
        return FullCurvature.prepare(batch, likelihood, prior, form);
    }

    @Override
    public LogDetTerm logDetTerm(FullCurvature.Statistics s, Likelihood likelihood, Prior prior) {
        return FullCurvature.logDet(s, likelihood, prior, "exact");
    }

    @Override
    public long statisticsBytes(BatchDimensions d) {
        return FullCurvature.statisticsBytes(form, d.thinRows(), d.parameters(), d.kernels());
    }

    @Override
    public long workingBytes(BatchDimensions d) {
        return FullCurvature.workingBytes(form, d.thinRows(), d.parameters(), d.kernels());
    }
}
