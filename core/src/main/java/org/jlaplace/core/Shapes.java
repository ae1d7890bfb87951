package org.jlaplace.core;

import java.util.Arrays;

/** Shape arithmetic shared by {@link Tensor} and {@link Rng}: validation, strides, broadcasting, axes. */
final class Shapes {
    private Shapes() {
    }

    /** {@code [2, 3]} style rendering used in every error message. */
    static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /**
     * The element count {@code ∏ shape[i]}, after checking that every dimension is {@code >= 0} and
     * the product fits in an {@code int}.
     */
    static int checkedSize(String op, int[] shape) {
        if (shape == null) {
            throw new IllegalArgumentException(op + ": shape is null");
        }
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(op + ": negative dimension in shape " + str(shape));
            }
            size *= d;
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(op + ": shape " + str(shape) + " has more than 2^31-1 elements");
            }
        }
        return (int) size;
    }

    /** Row-major strides: {@code strides[i] = ∏_{j>i} shape[j]}. */
    static int[] contiguousStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return strides;
    }

    /** Maps a possibly negative axis into {@code [0, rank)}, or throws naming the operation and shape. */
    static int axis(String op, int axis, int[] shape) {
        return axis(op, axis, shape.length, shape);
    }

    /** Like {@link #axis(String, int, int[])} but for a rank that differs from the shape's (unsqueeze, stack). */
    static int axis(String op, int axis, int rank, int[] shape) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(
                    op + ": axis " + axis + " out of range for shape " + str(shape) + " (rank " + shape.length + ")");
        }
        return a;
    }

    /**
     * The NumPy broadcast of two shapes: align trailing axes; each pair must be equal or contain a 1,
     * and the result takes the larger.
     */
    static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da == db || db == 1) {
                out[i] = da;
            } else if (da == 1) {
                out[i] = db;
            } else {
                throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b) + " do not broadcast");
            }
        }
        return out;
    }

    /**
     * Normalises a set of axes (negative ones count from the end) and returns a mask of length
     * {@code rank}; duplicates and out-of-range axes throw.
     */
    static boolean[] axisMask(String op, int[] axes, int[] shape) {
        boolean[] mask = new boolean[shape.length];
        for (int axis : axes) {
            int a = axis(op, axis, shape);
            if (mask[a]) {
                throw new IllegalArgumentException(op + ": axis " + axis + " repeated in " + str(axes) + " for shape " + str(shape));
            }
            mask[a] = true;
        }
        return mask;
    }

    /** The shape after reducing the masked axes: kept as 1 when {@code keepDims}, otherwise dropped. */
    static int[] reducedShape(int[] shape, boolean[] mask, boolean keepDims) {
        int kept = 0;
        for (boolean m : mask) {
            if (!m) {
                kept++;
            }
        }
        int[] out = new int[keepDims ? shape.length : kept];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (keepDims) {
                out[i] = mask[i] ? 1 : shape[i];
            } else if (!mask[i]) {
                out[j++] = shape[i];
            }
        }
        return out;
    }

    /** Product of {@code shape[from … to−1]}. */
    static int prod(int[] shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= shape[i];
        }
        return p;
    }

    /**
     * Strides under which storage laid out as {@code (shape, strides)} reads as {@code target} in
     * row-major order, or {@code null} when no such strides exist and a copy is needed. The axes of
     * length 1 are dropped, then source and target axes are matched in groups of equal product;
     * within a group the source axes must be mutually contiguous ({@code stride[k] =
     * stride[k+1]·shape[k+1]}), and the target axes of the group then get the strides of a
     * contiguous block ending in the stride of the group's last source axis. The sizes must agree.
     */
    static int[] reshapeStrides(int[] shape, int[] strides, int[] target) {
        int[] ns = new int[target.length];
        if (prod(shape, 0, shape.length) == 0) {
            return contiguousStrides(target);
        }
        int[] od = new int[shape.length];
        int[] os = new int[shape.length];
        int n = 0;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != 1) {
                od[n] = shape[i];
                os[n] = strides[i];
                n++;
            }
        }
        int oi = 0;
        int ni = 0;
        while (oi < n && ni < target.length) {
            int oj = oi + 1;
            int nj = ni + 1;
            long op = od[oi];
            long np = target[ni];
            while (op != np) {
                if (np < op) {
                    np *= target[nj++];
                } else {
                    op *= od[oj++];
                }
            }
            for (int k = oi; k < oj - 1; k++) {
                if (os[k] != os[k + 1] * od[k + 1]) {
                    return null;
                }
            }
            ns[nj - 1] = os[oj - 1];
            for (int k = nj - 1; k > ni; k--) {
                ns[k - 1] = ns[k] * target[k];
            }
            oi = oj;
            ni = nj;
        }
        // Only axes of length 1 remain; their stride is never used to move.
        for (; ni < target.length; ni++) {
            ns[ni] = 1;
        }
        return ns;
    }
}
