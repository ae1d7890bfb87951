package org.jlaplace.core;

import java.util.Arrays;
import org.jlaplace.core.linalg.Gemm;

/**
 * {@link Tensor#matmul} on top of {@link Gemm}: NumPy semantics for vectors and broadcast batch
 * axes. Matrices whose last two strides already describe a row-major matrix or its transpose are
 * handed to GEMM in place, so transposed views cost no copy.
 */
final class MatMul {
    private MatMul() {
    }

    /** How one matrix operand is passed to GEMM: as stored or transposed, with a leading dimension. */
    private static final class Layout {
        final boolean transposed;
        final int ld;

        Layout(boolean transposed, int ld) {
            this.transposed = transposed;
            this.ld = ld;
        }

        /**
         * The layout of a {@code rows×cols} matrix with row stride {@code rs} and column stride
         * {@code cs}, or null when GEMM cannot read it directly. Strides of axes of length 1 never
         * matter, so they are replaced by the values that make the check pass.
         */
        static Layout of(int rows, int cols, int rs, int cs) {
            int nRs = rows == 1 ? Math.max(cols, 1) : rs;
            int nCs = cols == 1 ? 1 : cs;
            if (nCs == 1 && nRs >= Math.max(cols, 1)) {
                return new Layout(false, nRs);
            }
            int tRs = rows == 1 ? 1 : rs;
            int tCs = cols == 1 ? Math.max(rows, 1) : cs;
            if (tRs == 1 && tCs >= Math.max(rows, 1)) {
                return new Layout(true, tCs);
            }
            return null;
        }
    }

    static Tensor matmul(Tensor a, Tensor b) {
        if (b == null) {
            throw new IllegalArgumentException("matmul: other tensor is null");
        }
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("matmul: shapes " + Shapes.str(a.shape) + " and " + Shapes.str(b.shape)
                    + " include a scalar; use mul");
        }
        boolean aVector = a.rank() == 1;
        boolean bVector = b.rank() == 1;
        Tensor left = aVector ? a.unsqueeze(0) : a;
        Tensor right = bVector ? b.unsqueeze(1) : b;
        int ra = left.rank();
        int rb = right.rank();
        int m = left.shape[ra - 2];
        int k = left.shape[ra - 1];
        int n = right.shape[rb - 1];
        if (right.shape[rb - 2] != k) {
            throw new IllegalArgumentException("matmul: shapes " + Shapes.str(a.shape) + " and " + Shapes.str(b.shape)
                    + " do not match (inner dimensions " + k + " and " + right.shape[rb - 2] + ")");
        }
        int[] batch;
        try {
            batch = Shapes.broadcast("matmul", Arrays.copyOf(left.shape, ra - 2), Arrays.copyOf(right.shape, rb - 2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matmul: shapes " + Shapes.str(a.shape) + " and " + Shapes.str(b.shape)
                    + " have batch axes that do not broadcast", e);
        }
        int batches = Shapes.prod(batch, 0, batch.length);
        double[] out = new double[Shapes.checkedSize("matmul", append(batch, m, n))];
        if (out.length > 0 && k > 0) {
            multiply(left, right, batch, batches, m, n, k, out);
        }
        int[] outShape = append(batch, m, n);
        if (aVector && bVector) {
            outShape = batch;
        } else if (aVector) {
            outShape = append(batch, n);
        } else if (bVector) {
            outShape = append(batch, m);
        }
        return Tensor.wrap(out, outShape);
    }

    private static void multiply(Tensor left, Tensor right, int[] batch, int batches, int m, int n, int k, double[] out) {
        int ra = left.rank();
        int rb = right.rank();
        Layout la = Layout.of(m, k, left.strides[ra - 2], left.strides[ra - 1]);
        if (la == null) {
            left = left.copy();
            la = Layout.of(m, k, left.strides[ra - 2], left.strides[ra - 1]);
        }
        Layout lb = Layout.of(k, n, right.strides[rb - 2], right.strides[rb - 1]);
        if (lb == null) {
            right = right.copy();
            lb = Layout.of(k, n, right.strides[rb - 2], right.strides[rb - 1]);
        }
        // Broadcast the batch axes as zero-stride views, so one odometer walks both operands.
        Tensor bl = left.broadcastAs("matmul", append(batch, m, k));
        Tensor br = right.broadcastAs("matmul", append(batch, k, n));
        int nb = batch.length;
        int[] idx = new int[nb];
        int pa = bl.offset;
        int pb = br.offset;
        for (int t = 0; t < batches; t++) {
            Gemm.gemm(la.transposed, lb.transposed, m, n, k, 1.0, bl.data, pa, la.ld, br.data, pb, lb.ld,
                    0.0, out, t * m * n, n);
            for (int ax = nb - 1; ax >= 0; ax--) {
                idx[ax]++;
                pa += bl.strides[ax];
                pb += br.strides[ax];
                if (idx[ax] < batch[ax]) {
                    break;
                }
                pa -= bl.strides[ax] * batch[ax];
                pb -= br.strides[ax] * batch[ax];
                idx[ax] = 0;
            }
        }
    }

    private static int[] append(int[] head, int... tail) {
        int[] out = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }
}
