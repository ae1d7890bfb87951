package org.jlaplace.autodiff.ntk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.autodiff.nn.Trace;
import org.jlaplace.core.Tensor;
import org.jlaplace.core.linalg.Syrk;

/**
 * {@link NtkMethod#NTK_VECTOR_PRODUCT}: {@code K v = Ãᵀ J S Jᵀ Ã v} with {@code S} the diagonal of
 * group scales and {@code Ã = blockdiag(a_1..a_M)} ({@code a_n} the {@code [C, R]} weights,
 * identity for the plain NTK): a VJP ({@link Trace#vjpMany}) then a JVP ({@link Trace#jvpMany}),
 * never forming {@code J}. Columns of the kernel are products with unit vectors, taken in blocks
 * of examples: the VJP of a block only needs that block's trace.
 */
final class VectorProductKernels {
    /** Columns per block: wide enough for GEMM efficiency, small enough that {@code [Q, P]} stays modest. */
    private static final int TARGET_COLUMNS = 64;

    private VectorProductKernels() {
    }

    /**
     * {@code K v} for {@code v} of shape {@code [M·R, Q]}; {@code group ≥ 0} restricts to
     * {@code K_group}, else all groups weighted by {@code scales}.
     */
    static double[] apply(Trace trace, double[] a, int r, double[] v, int q, double[] scales, int group) {
        Sequential model = trace.model();
        int m = trace.batchSize();
        int c = model.outputSize();
        // u[n, q, :] = a_n v_n[:, q]  (output cotangents)
        double[] u = new double[m * q * c];
        for (int n = 0; n < m; n++) {
            for (int col = 0; col < q; col++) {
                for (int out = 0; out < c; out++) {
                    double s = 0;
                    for (int dir = 0; dir < r; dir++) {
                        s += weight(a, n, out, dir, c, r) * v[(n * r + dir) * q + col];
                    }
                    u[(n * q + col) * c + out] = s;
                }
            }
        }
        Tensor tangents = trace.vjpMany(Tensor.of(u, m, q, c));
        double[] jv = jvp(trace, scaledGroups(model, tangents, q, scales, group), q);
        return project(a, m, r, c, q, jv);
    }

    /**
     * The whole kernel (or one group's) by products with blocks of unit columns. By symmetry only
     * the rows at or below each block are needed, so each JVP runs on the examples from the
     * block's first one onwards; the upper triangle is mirrored at the end.
     */
    static double[] columns(Sequential model, Tensor x, double[] a, int r, double[] scales, int group) {
        int m = x.dim(0);
        int c = model.outputSize();
        int n = m * r;
        double[] k = new double[n * n];
        int block = Math.max(1, TARGET_COLUMNS / r);
        for (int start = 0; start < m; start += block) {
            int end = Math.min(m, start + block);
            int width = end - start;
            int q = width * r;
            // column (e, dir) of the block is the unit vector at row (start + e)·R + dir, whose
            // cotangent lives on example start + e only: the VJP runs on that sub-batch.
            Trace sub = model.trace(x.slice(0, start, end).contiguous());
            double[] u = new double[width * q * c];
            for (int e = 0; e < width; e++) {
                for (int dir = 0; dir < r; dir++) {
                    int col = e * r + dir;
                    for (int out = 0; out < c; out++) {
                        u[(e * q + col) * c + out] = weight(a, start + e, out, dir, c, r);
                    }
                }
            }
            Tensor tangents = sub.vjpMany(Tensor.of(u, width, q, c));
            Trace tail = model.trace(x.slice(0, start, m).contiguous());
            double[] jv = jvp(tail, scaledGroups(model, tangents, q, scales, group), q);
            double[] tailWeights = a == null ? null : Arrays.copyOfRange(a, start * c * r, m * c * r);
            double[] cols = project(tailWeights, m - start, r, c, q, jv);
            for (int row = start * r; row < n; row++) {
                System.arraycopy(cols, (row - start * r) * q, k, row * n + start * r, q);
            }
        }
        Syrk.symmetrizeLower(k, 0, n, n);
        return k;
    }

    static GroupKernels perGroup(Sequential model, Tensor x, double[] a, int r) {
        int groups = model.parameters().size();
        double[][] kernels = new double[groups][];
        List<String> names = new ArrayList<>();
        double[] ones = new double[groups];
        Arrays.fill(ones, 1.0);
        for (int g = 0; g < groups; g++) {
            kernels[g] = columns(model, x, a, r, ones, g);
            names.add(model.parameters().get(g).name());
        }
        return new GroupKernels(names, kernels, x.dim(0) * r);
    }

    /** {@code [M, Q, C]} output tangents; zero when every group's tangent is (all scales zero). */
    private static double[] jvp(Trace trace, List<Tensor> parts, int q) {
        for (Tensor t : parts) {
            if (t != null) {
                return trace.jvpMany(parts).data();
            }
        }
        return new double[trace.batchSize() * q * trace.model().outputSize()];
    }

    /** {@code a[n, out, dir]}, or the identity when {@code a} is {@code null}. */
    private static double weight(double[] a, int n, int out, int dir, int c, int r) {
        if (a == null) {
            return out == dir ? 1.0 : 0.0;
        }
        return a[(n * c + out) * r + dir];
    }

    /** {@code out[n·R + dir, col] = Σ_c a[n, c, dir] · jv[n, col, c]}. */
    private static double[] project(double[] a, int m, int r, int c, int q, double[] jv) {
        double[] out = new double[m * r * q];
        for (int n = 0; n < m; n++) {
            for (int dir = 0; dir < r; dir++) {
                for (int col = 0; col < q; col++) {
                    double s;
                    if (a == null) {
                        s = jv[(n * q + col) * c + dir];
                    } else {
                        s = 0;
                        for (int o = 0; o < c; o++) {
                            s += a[(n * c + o) * r + dir] * jv[(n * q + col) * c + o];
                        }
                    }
                    out[(n * r + dir) * q + col] = s;
                }
            }
        }
        return out;
    }

    /** Splits {@code [Q, P]} parameter tangents into per-group tensors scaled by {@code s_g} ({@code null} outside {@code group}). */
    private static List<Tensor> scaledGroups(Sequential model, Tensor tangents, int q, double[] scales, int group) {
        double[] flat = tangents.contiguous().data();
        int p = model.numParameters();
        List<Parameter> params = model.parameters();
        List<Tensor> parts = new ArrayList<>();
        for (int g = 0; g < params.size(); g++) {
            if ((group >= 0 && g != group) || scales[g] == 0.0) {
                parts.add(null);
                continue;
            }
            int size = params.get(g).size();
            int off = model.parameterOffset(g);
            double[] part = new double[q * size];
            for (int col = 0; col < q; col++) {
                for (int i = 0; i < size; i++) {
                    part[col * size + i] = scales[g] * flat[col * p + off + i];
                }
            }
            parts.add(Tensor.of(part, q, size));
        }
        return parts;
    }
}
