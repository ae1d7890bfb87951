package org.jlaplace.autodiff.ntk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.autodiff.nn.Trace;
import org.jlaplace.core.Tensor;

/**
 * Empirical neural tangent kernels of one batch (MATHEMATICS.md §9) at the model's current parameters.
 * For the batch {@code x_1..x_M} the kernel is {@code K = J Jᵀ} ({@code [M·C, M·C]}, row
 * {@code n·C + c}, {@code J} stacking the per-example Jacobians), split into per-group kernels
 * {@code K_g = J_g J_gᵀ} (one per parameter tensor). Weighted kernels replace the outputs by the
 * functions {@code a_nrᵀ f(x_n)} (row {@code n·R + r}), as MATHEMATICS.md §4.2's output-wise bound needs
 * with {@code a_n = A_n}. All three {@link NtkMethod}s give the same numbers to rounding.
 */
public final class Ntk {
    private Ntk() {
    }

    /** Per-group kernels {@code K_g}, {@code [M·C, M·C]} each, by the given method. */
    public static GroupKernels kernels(Sequential model, Tensor x, NtkMethod method) {
        switch (method) {
            case CONTRACTION:
                return ContractionKernels.perGroup(BatchFactors.of(model, x));
            case STRUCTURED:
                return StructuredKernels.perGroup(BatchFactors.of(model, x));
            case NTK_VECTOR_PRODUCT:
                model.checkBatch("Ntk.kernels", x);
                return VectorProductKernels.perGroup(model, x, null, model.outputSize());
            default:
                throw new IllegalArgumentException("Ntk.kernels: unknown method " + method);
        }
    }

    /**
     * Per-group kernels of the functions {@code a_nrᵀ f(x_n)} for weights {@code a} of shape
     * {@code [M, C, R]}: {@code [K_g]_{nr, ms} = a_nrᵀ J_{n,g} J_{m,g}ᵀ a_ms}, {@code [M·R, M·R]}
     * each, by the structured method.
     */
    public static GroupKernels weightedKernels(Sequential model, Tensor x, Tensor a) {
        return weightedKernels(model, x, a, NtkMethod.STRUCTURED);
    }

    /** {@link #weightedKernels(Sequential, Tensor, Tensor)} by the given method. */
    public static GroupKernels weightedKernels(Sequential model, Tensor x, Tensor a, NtkMethod method) {
        switch (method) {
            case CONTRACTION:
                return ContractionKernels.perGroup(BatchFactors.of(model, x, a, "Ntk.weightedKernels"));
            case STRUCTURED:
                return StructuredKernels.perGroup(BatchFactors.of(model, x, a, "Ntk.weightedKernels"));
            case NTK_VECTOR_PRODUCT: {
                Trace trace = model.trace(x);
                checkWeights("Ntk.weightedKernels", model, trace, a);
                return VectorProductKernels.perGroup(model, x, a.toArray(), a.dim(2));
            }
            default:
                throw new IllegalArgumentException("Ntk.weightedKernels: unknown method " + method);
        }
    }

    /**
     * The diagonal blocks of {@link #weightedKernels} by direction, from one forward trace and one
     * batched backward pass: entry {@code r} holds the per-group kernels of the functions
     * {@code a_nrᵀ f(x_n)}, {@code n = 1..M}, alone ({@code [M, M]} each, row {@code n}), e.g.
     * MATHEMATICS.md §4.2's {@code G_b^(c)} blocks with {@code a_n = A_n}. Costs about {@code 1/R} of the
     * full weighted kernels.
     */
    public static List<GroupKernels> weightedKernelsByDirection(Sequential model, Tensor x, Tensor a,
                                                                NtkMethod method) {
        if (method == NtkMethod.NTK_VECTOR_PRODUCT) {
            throw new IllegalArgumentException("Ntk.weightedKernelsByDirection: use CONTRACTION or STRUCTURED");
        }
        BatchFactors all = BatchFactors.of(model, x, a, "Ntk.weightedKernelsByDirection");
        List<GroupKernels> out = new ArrayList<>();
        for (int q = 0; q < all.r; q++) {
            BatchFactors one = all.direction(q);
            out.add(method == NtkMethod.STRUCTURED ? StructuredKernels.perGroup(one) : ContractionKernels.perGroup(one));
        }
        return out;
    }

    /**
     * The full kernel {@code K = Σ_g K_g} without keeping the per-group kernels (memory: one
     * {@code [M·C, M·C]} result plus, for STRUCTURED, one scratch of the same size).
     */
    public static Tensor kernel(Sequential model, Tensor x, NtkMethod method) {
        double[] ones = new double[model.parameters().size()];
        Arrays.fill(ones, 1.0);
        return kernel(model, x, method, ones);
    }

    /**
     * {@code Σ_g s_g K_g} (e.g. {@code s_g = 1/δ_g}, the layerwise prior variances: {@code J P0⁻¹ Jᵀ})
     * computed directly, without keeping the per-group kernels.
     *
     * @throws IllegalArgumentException without one finite scale per parameter group
     */
    public static Tensor kernel(Sequential model, Tensor x, NtkMethod method, double[] groupScales) {
        checkScales("Ntk.kernel", model, groupScales);
        int n = x.dim(0) * model.outputSize();
        double[] k;
        switch (method) {
            case CONTRACTION:
                k = ContractionKernels.total(BatchFactors.of(model, x), groupScales);
                break;
            case STRUCTURED:
                k = StructuredKernels.total(BatchFactors.of(model, x), groupScales);
                break;
            case NTK_VECTOR_PRODUCT:
                model.checkBatch("Ntk.kernel", x);
                k = VectorProductKernels.columns(model, x, null, model.outputSize(), groupScales, -1);
                break;
            default:
                throw new IllegalArgumentException("Ntk.kernel: unknown method " + method);
        }
        return Tensor.of(k, n, n);
    }

    /**
     * The NTK-vector product {@code K v = J (Jᵀ v)} without forming {@code J} or {@code K}: {@code v}
     * of shape {@code [M·C, Q]} (or {@code [M·C]}) gives the same shape.
     */
    public static Tensor kernelVectorProduct(Sequential model, Tensor x, Tensor v) {
        double[] ones = new double[model.parameters().size()];
        Arrays.fill(ones, 1.0);
        return kernelVectorProduct(model, x, v, null, ones);
    }

    /**
     * {@code K_a v} for the kernel of the functions {@code a_nrᵀ f(x_n)} with group scales {@code s_g}:
     * {@code Ãᵀ J S Jᵀ Ã v}; {@code a} is {@code [M, C, R]} or {@code null} (plain NTK, {@code R = C}),
     * {@code v} is {@code [M·R, Q]} or {@code [M·R]}.
     */
    public static Tensor kernelVectorProduct(Sequential model, Tensor x, Tensor v, Tensor a, double[] groupScales) {
        checkScales("Ntk.kernelVectorProduct", model, groupScales);
        Trace trace = model.trace(x);
        int r = model.outputSize();
        if (a != null) {
            checkWeights("Ntk.kernelVectorProduct", model, trace, a);
            r = a.dim(2);
        }
        int rows = trace.batchSize() * r;
        boolean vector = v.rank() == 1;
        if (!(vector ? v.dim(0) == rows : v.rank() == 2 && v.dim(0) == rows)) {
            throw new IllegalArgumentException("Ntk.kernelVectorProduct: v must have shape [" + rows + "] or ["
                    + rows + ", Q] but has " + Arrays.toString(v.shape()));
        }
        int q = vector ? 1 : v.dim(1);
        double[] out = VectorProductKernels.apply(trace, a == null ? null : a.toArray(), r, v.toArray(), q,
                groupScales, -1);
        return vector ? Tensor.of(out, rows) : Tensor.of(out, rows, q);
    }

    private static void checkScales(String operation, Sequential model, double[] scales) {
        if (scales.length != model.parameters().size()) {
            throw new IllegalArgumentException(operation + ": " + scales.length + " group scales for "
                    + model.parameters().size() + " parameter groups");
        }
        for (int g = 0; g < scales.length; g++) {
            if (!Double.isFinite(scales[g])) {
                throw new IllegalArgumentException(operation + ": scale of group " + model.parameters().get(g).name()
                        + " is " + scales[g]);
            }
        }
    }

    private static void checkWeights(String operation, Sequential model, Trace trace, Tensor a) {
        int[] s = a.shape();
        if (s.length != 3 || s[0] != trace.batchSize() || s[1] != model.outputSize() || s[2] <= 0) {
            throw new IllegalArgumentException(operation + ": weights must have shape [" + trace.batchSize() + ", "
                    + model.outputSize() + ", R] but have " + Arrays.toString(s));
        }
    }
}
