package org.jlaplace.core;

/**
 * Row-major iteration over strided tensors. Every loop walks the outer axes with an odometer and
 * hands the last axis to a {@link RowKernel}, so the innermost work is a single tight loop.
 */
final class Strided {
    private Strided() {
    }

    /** The innermost loop of a binary traversal, along the last axis. */
    @FunctionalInterface
    interface RowKernel {
        void row(double[] a, int aOff, int aStride, double[] b, int bOff, int bStride,
                 double[] out, int outOff, int outStride, int n);
    }

    /** Copies {@code t}'s elements in row-major order into {@code dst[dstOff …]}. */
    static void gather(Tensor t, double[] dst, int dstOff) {
        if (t.size == 0) {
            return;
        }
        if (t.isContiguous()) {
            System.arraycopy(t.data, t.offset, dst, dstOff, t.size);
            return;
        }
        int rank = t.shape.length;
        int inner = t.shape[rank - 1];
        int innerStride = t.strides[rank - 1];
        int rows = t.size / inner;
        int[] idx = new int[rank - 1];
        int src = t.offset;
        int d = dstOff;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < inner; j++) {
                dst[d++] = t.data[src + j * innerStride];
            }
            src = advance(idx, t.shape, t.strides, src);
        }
    }

    /**
     * Applies {@code kernel} elementwise over three tensors of one common shape (views may have
     * zero strides from broadcasting): {@code out[i] = f(a[i], b[i])} in row-major order.
     */
    static void binary(RowKernel kernel, Tensor a, Tensor b, Tensor out) {
        int[] shape = out.shape;
        int rank = shape.length;
        if (out.size == 0) {
            return;
        }
        if (rank == 0) {
            kernel.row(a.data, a.offset, 1, b.data, b.offset, 1, out.data, out.offset, 1, 1);
            return;
        }
        int inner = shape[rank - 1];
        int rows = out.size / inner;
        int sa = a.strides[rank - 1];
        int sb = b.strides[rank - 1];
        int so = out.strides[rank - 1];
        int[] idx = new int[rank - 1];
        int pa = a.offset;
        int pb = b.offset;
        int po = out.offset;
        for (int r = 0; r < rows; r++) {
            kernel.row(a.data, pa, sa, b.data, pb, sb, out.data, po, so, inner);
            // One odometer step, moving three pointers at once.
            for (int ax = rank - 2; ax >= 0; ax--) {
                idx[ax]++;
                pa += a.strides[ax];
                pb += b.strides[ax];
                po += out.strides[ax];
                if (idx[ax] < shape[ax]) {
                    break;
                }
                pa -= a.strides[ax] * shape[ax];
                pb -= b.strides[ax] * shape[ax];
                po -= out.strides[ax] * shape[ax];
                idx[ax] = 0;
            }
        }
    }

    /**
     * Advances the odometer {@code idx} over the axes {@code 0 … rank−2} of {@code shape} by one
     * step and returns the moved storage position.
     */
    static int advance(int[] idx, int[] shape, int[] strides, int pos) {
        for (int ax = idx.length - 1; ax >= 0; ax--) {
            idx[ax]++;
            pos += strides[ax];
            if (idx[ax] < shape[ax]) {
                return pos;
            }
            pos -= strides[ax] * shape[ax];
            idx[ax] = 0;
        }
        return pos;
    }
}
