package org.jlaplace.autodiff.ntk;

import java.util.Arrays;
import java.util.List;
import org.jlaplace.core.Tensor;

/**
 * One kernel per parameter group of a batch: {@code K_g = J_g J_gᵀ} ({@code [N, N]} with
 * {@code N = M·R}, row index {@code n·R + r}), where {@code J_g} holds the rows
 * {@code a_nrᵀ ∂f(x_n)/∂θ_g} ({@code a_nr = e_r}, {@code R = C}, for the plain NTK). Groups are the
 * parameter tensors in model order (MATHEMATICS.md §1), so with a layerwise prior {@code δ_g} the
 * prior-weighted kernel is {@code Σ_g K_g/δ_g} ({@link #weightedTotal(double[])}).
 */
public final class GroupKernels {
    private final List<String> names;
    private final double[][] kernels;
    private final int dimension;

    GroupKernels(List<String> names, double[][] kernels, int dimension) {
        this.names = List.copyOf(names);
        this.kernels = kernels;
        this.dimension = dimension;
    }

    /** The number of groups {@code G}. */
    public int groups() {
        return kernels.length;
    }

    /** The side {@code N = M·R} of every kernel. */
    public int dimension() {
        return dimension;
    }

    /** The parameter name of group {@code g}, e.g. {@code "0.weight"}. */
    public String name(int g) {
        return names.get(g);
    }

    /** {@code K_g}, {@code [N, N]} (a view of the stored kernel: do not modify). */
    public Tensor kernel(int g) {
        return Tensor.of(kernels[g], dimension, dimension);
    }

    /** {@code K = Σ_g K_g}, a new {@code [N, N]} tensor. */
    public Tensor total() {
        double[] scales = new double[kernels.length];
        Arrays.fill(scales, 1.0);
        return weightedTotal(scales);
    }

    /**
     * {@code Σ_g s_g K_g}, e.g. {@code s_g = 1/δ_g} for a layerwise prior precision.
     *
     * @throws IllegalArgumentException if there is not one finite scale per group
     */
    public Tensor weightedTotal(double[] scales) {
        if (scales.length != kernels.length) {
            throw new IllegalArgumentException("GroupKernels.weightedTotal: " + scales.length + " scales for "
                    + kernels.length + " groups");
        }
        double[] sum = new double[dimension * dimension];
        for (int g = 0; g < kernels.length; g++) {
            double s = scales[g];
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("GroupKernels.weightedTotal: scale of group " + names.get(g)
                        + " is " + s);
            }
            double[] k = kernels[g];
            for (int i = 0; i < sum.length; i++) {
                sum[i] += s * k[i];
            }
        }
        return Tensor.of(sum, dimension, dimension);
    }
}
