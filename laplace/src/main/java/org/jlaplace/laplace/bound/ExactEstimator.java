package org.jlaplace.laplace.bound;

/**
 * The exact linearised-Laplace log marginal likelihood (MATHEMATICS.md (3.1)) on the whole data set:
 * {@code log det(I_P + P0⁻¹ H)} in parameter space ({@code P×P}) or, by the determinant lemma,
 * {@code log det(I_NR + G)} in function space ({@code N·R×N·R}, thin factor), whichever matrix is
 * smaller (unless a form is forced); see {@link FullCurvature}.
 */
public final class ExactEstimator extends FullCurvatureEstimator {

    /** Which form to use. */
    public enum Form { AUTOMATIC, PARAMETRIC, FUNCTION_SPACE }

    public ExactEstimator(Form form) {
        super(switch (form) {
            case AUTOMATIC -> FullCurvature.Form.CHEAPER;
            case PARAMETRIC -> FullCurvature.Form.PARAMETER;
            case FUNCTION_SPACE -> FullCurvature.Form.KERNEL;
        }, "exact");
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




}
