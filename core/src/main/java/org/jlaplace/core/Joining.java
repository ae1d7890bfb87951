package org.jlaplace.core;

import java.util.Arrays;

/** Joining and gathering for {@link Tensor}: concatenation, stacking, index selection, one-hot. */
final class Joining {
    private Joining() {
    }

    /** Joins tensors along an existing axis; all other dimensions must agree. */
    static Tensor concat(int axis, Tensor... parts) {
        if (parts == null || parts.length == 0) {
            throw new IllegalArgumentException("concat: no tensors given");
        }
        int[] first = parts[0].shape;
        int a = Shapes.axis("concat", axis, first);
        int total = 0;
        for (Tensor p : parts) {
            boolean ok = p.shape.length == first.length;
            for (int i = 0; ok && i < first.length; i++) {
                ok = i == a || p.shape[i] == first[i];
            }
            if (!ok) {
                throw new IllegalArgumentException("concat: shapes " + Shapes.str(first) + " and " + Shapes.str(p.shape)
                        + " differ outside axis " + axis);
            }
            total += p.shape[a];
        }
        int[] outShape = first.clone();
        outShape[a] = total;
        Tensor out = Tensor.zeros(outShape);
        // Row-major, the output is `outer` blocks, each the parts' chunks of len·inner elements in turn.
        int outer = Shapes.prod(first, 0, a);
        int inner = Shapes.prod(first, a + 1, first.length);
        int pos = 0;
        for (int o = 0; o < outer; o++) {
            for (Tensor p : parts) {
                int chunk = p.shape[a] * inner;
                if (p.isContiguous()) {
                    System.arraycopy(p.data, p.offset + o * chunk, out.data, pos, chunk);
                }
                pos += chunk;
            }
        }
        int at = 0;
        for (Tensor p : parts) {
            if (p.isContiguous()) {
                at += p.shape[a];
                continue;
            }
            int len = p.shape[a];
            out.slice(a, at, at + len).assign(p);
            at += len;
        }
        return out;
    }

    /** Joins tensors of one shape along a new axis at position {@code axis}. */
    static Tensor stack(int axis, Tensor... parts) {
        if (parts == null || parts.length == 0) {
            throw new IllegalArgumentException("stack: no tensors given");
        }
        Tensor[] expanded = new Tensor[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (!Arrays.equals(parts[i].shape, parts[0].shape)) {
                throw new IllegalArgumentException("stack: shapes " + Shapes.str(parts[0].shape) + " and "
                        + Shapes.str(parts[i].shape) + " differ");
            }
            expanded[i] = parts[i].unsqueeze(axis);
        }
        return concat(Shapes.axis("stack", axis, parts[0].shape.length + 1, parts[0].shape), expanded);
    }

    /** Gathers the entries {@code idx[0], idx[1], …} along {@code axis} (indices may repeat). */
    static Tensor indexSelect(Tensor x, int axis, int[] idx) {
        int a = Shapes.axis("indexSelect", axis, x.shape);
        int[] outShape = x.shape.clone();
        outShape[a] = idx.length;
        Tensor out = Tensor.zeros(outShape);
        boolean rows = a == 0 && x.isContiguous();
        int rowSize = Shapes.prod(x.shape, 1, x.shape.length);
        for (int i = 0; i < idx.length; i++) {
            int k = idx[i];
            if (k < 0 || k >= x.shape[a]) {
                throw new IndexOutOfBoundsException("indexSelect: index " + k + " (position " + i
                        + ") out of bounds for axis " + axis + " of shape " + Shapes.str(x.shape));
            }
            if (rows) {
                System.arraycopy(x.data, x.offset + k * rowSize, out.data, i * rowSize, rowSize);
            } else {
                out.select(a, i).assign(x.select(a, k));
            }
        }
        return out;
    }

    /** The {@code [labels.length, classes]} matrix with a 1 at {@code (i, labels[i])}. */
    static Tensor oneHot(int[] labels, int classes) {
        if (classes <= 0) {
            throw new IllegalArgumentException("oneHot: classes must be positive, got " + classes);
        }
        double[] d = new double[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("oneHot: label " + labels[i] + " at index " + i
                        + " out of range [0, " + classes + ")");
            }
            d[i * classes + labels[i]] = 1.0;
        }
        return Tensor.wrap(d, new int[] {labels.length, classes});
    }
}
