package org.jlaplace.core;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.core.linalg.Gemm;

/**
 * A dense tensor of doubles: the element at index {@code idx} is
 * {@code data[offset + Σᵢ idx[i]·strides[i]]}.
 *
 * <p>Value semantics: every operation returns a new tensor and leaves its arguments alone. Views
 * ({@link #reshape}, {@link #transpose}, {@link #permute}, {@link #slice}, {@link #select},
 * {@link #broadcastTo}, {@link #unsqueeze}, {@link #squeeze}) share storage with their source;
 * only the explicitly named in-place methods ({@link #set}, {@link #addInPlace},
 * {@link #scaleInPlace}, {@link #fill}) mutate, and they write through to every view of the same
 * storage. Negative axes count from the end. Shape errors throw {@link IllegalArgumentException}
 * naming the operation and the shapes involved.
 */
public final class Tensor {
    /** Printing shows at most this many elements. */
    private static final int PRINT_LIMIT = 1000;

    final double[] data;
    final int offset;
    final int[] shape;
    final int[] strides;
    final int size;

    /** Wraps storage without validation of the strides; callers inside the package guarantee them. */
    Tensor(double[] data, int offset, int[] shape, int[] strides) {
        this.data = data;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
        this.size = Shapes.checkedSize("Tensor", shape);
    }

    /** A fresh contiguous tensor over {@code data} (no copy, no check). */
    static Tensor wrap(double[] data, int[] shape) {
        return new Tensor(data, 0, shape, Shapes.contiguousStrides(shape));
    }

    // ------------------------------------------------------------------ factories

    /** Wraps {@code data} (no copy) as a row-major tensor of the given shape. */
    public static Tensor of(double[] data, int... shape) {
        if (data == null) {
            throw new IllegalArgumentException("Tensor.of: data is null");
        }
        int n = Shapes.checkedSize("Tensor.of", shape);
        if (data.length != n) {
            throw new IllegalArgumentException(
                    "Tensor.of: " + data.length + " values do not fill shape " + Shapes.str(shape) + " (" + n + " elements)");
        }
        return wrap(data, shape.clone());
    }

    /** A row-major tensor holding a copy of {@code data}. */
    public static Tensor copyOf(double[] data, int... shape) {
        if (data == null) {
            throw new IllegalArgumentException("Tensor.copyOf: data is null");
        }
        return of(data.clone(), shape);
    }

    /** A rank-0 tensor holding {@code value}. */
    public static Tensor scalar(double value) {
        return wrap(new double[] {value}, new int[0]);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        return wrap(new double[Shapes.checkedSize("Tensor.zeros", shape)], shape.clone());
    }

    /** A tensor of ones. */
    public static Tensor ones(int... shape) {
        return full(1.0, shape);
    }

    /** A tensor whose every element is {@code value}. */
    public static Tensor full(double value, int... shape) {
        double[] d = new double[Shapes.checkedSize("Tensor.full", shape)];
        Arrays.fill(d, value);
        return wrap(d, shape.clone());
    }

    /** The {@code n×n} identity matrix. */
    public static Tensor eye(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("Tensor.eye: n must be >= 0, got " + n);
        }
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = 1.0;
        }
        return wrap(d, new int[] {n, n});
    }

    /** The vector {@code [0, 1, …, n−1]}. */
    public static Tensor arange(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("Tensor.arange: n must be >= 0, got " + n);
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        return wrap(d, new int[] {n});
    }

    /** A {@code rows.length × rows[0].length} matrix copied from a rectangular array. */
    public static Tensor fromRows(double[][] rows) {
        if (rows == null) {
            throw new IllegalArgumentException("Tensor.fromRows: rows is null");
        }
        int m = rows.length;
        int n = m == 0 ? 0 : rows[0].length;
        double[] d = new double[m * n];
        for (int i = 0; i < m; i++) {
            if (rows[i] == null || rows[i].length != n) {
                throw new IllegalArgumentException("Tensor.fromRows: row " + i + " has length "
                        + (rows[i] == null ? "null" : rows[i].length) + ", expected " + n);
            }
            System.arraycopy(rows[i], 0, d, i * n, n);
        }
        return wrap(d, new int[] {m, n});
    }

    // ------------------------------------------------------------------ facts

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** The length of one axis. */
    public int dim(int axis) {
        return shape[Shapes.axis("dim", axis, shape)];
    }

    /** The number of axes. */
    public int rank() {
        return shape.length;
    }

    /** The number of elements, {@code ∏ shape}. */
    public int size() {
        return size;
    }

    /** Whether the elements lie row-major and gap-free in storage (axes of length 1 ignored). */
    public boolean isContiguous() {
        if (size == 0) {
            return true;
        }
        int expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1) {
                if (strides[i] != expected) {
                    return false;
                }
                expected *= shape[i];
            }
        }
        return true;
    }

    /** The only element of a one-element tensor. */
    public double item() {
        if (size != 1) {
            throw new IllegalArgumentException("item: tensor of shape " + Shapes.str(shape) + " has " + size + " elements, not 1");
        }
        return data[offset];
    }

    /** The element at {@code idx} (negative indices count from the end). */
    public double get(int... idx) {
        return data[position("get", idx)];
    }

    /** The elements in row-major order, always a fresh array. */
    public double[] toArray() {
        double[] out = new double[size];
        Strided.gather(this, out, 0);
        return out;
    }

    /**
     * Whether {@link #data()} is defined: the elements are the whole backing array in row-major
     * order from index 0. Every tensor a factory or an operation returns is dense; a view made by
     * {@link #slice}, {@link #select}, {@link #transpose}, {@link #permute} or {@link #broadcastTo}
     * may not be.
     */
    public boolean isDense() {
        return offset == 0 && data.length == size && isContiguous();
    }

    /**
     * The backing array itself, in row-major order, of a dense tensor ({@link #isDense()}): reading
     * needs no copy, and writes show through to this tensor and to every view of its storage.
     * Never a copy: to read any tensor use {@code contiguous().data()} (which copies only a view
     * that is not dense); for an array of one's own use {@link #toArray()}.
     *
     * @throws IllegalStateException for a tensor that is not dense
     */
    public double[] data() {
        if (!isDense()) {
            throw new IllegalStateException("Tensor.data: this " + Shapes.str(shape)
                    + " tensor is a view that does not fill its storage in row-major order; use contiguous().data()"
                    + " to read it or toArray() for a copy");
        }
        return data;
    }

    /** A matrix as a fresh {@code double[rows][cols]}. */
    public double[][] toRows() {
        requireRank("toRows", 2);
        double[] flat = toArray();
        double[][] rows = new double[shape[0]][];
        for (int i = 0; i < shape[0]; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * shape[1], (i + 1) * shape[1]);
        }
        return rows;
    }

    private int position(String op, int[] idx) {
        if (idx.length != shape.length) {
            throw new IllegalArgumentException(op + ": index " + Shapes.str(idx) + " has " + idx.length
                    + " components for shape " + Shapes.str(shape));
        }
        int p = offset;
        for (int i = 0; i < idx.length; i++) {
            int k = idx[i] < 0 ? idx[i] + shape[i] : idx[i];
            if (k < 0 || k >= shape[i]) {
                throw new IndexOutOfBoundsException(op + ": index " + Shapes.str(idx) + " out of bounds for shape "
                        + Shapes.str(shape));
            }
            p += k * strides[i];
        }
        return p;
    }

    private void requireRank(String op, int rank) {
        if (shape.length != rank) {
            throw new IllegalArgumentException(op + ": expected rank " + rank + ", got shape " + Shapes.str(shape));
        }
    }

    // ------------------------------------------------------------------ in place

    /** Writes {@code v} at {@code idx}; returns this tensor. */
    public Tensor set(double v, int... idx) {
        requireWritable("set");
        data[position("set", idx)] = v;
        return this;
    }

    /** {@code this += other}, with {@code other} broadcast to this shape; returns this tensor. */
    public Tensor addInPlace(Tensor other) {
        requireWritable("addInPlace");
        Tensor o = other.broadcastAs("addInPlace", shape);
        if (isContiguous() && o.isContiguous()) {
            BinaryOp.ADD.contiguous(data, offset, o.data, o.offset, data, offset, size);
        } else {
            Strided.binary(BinaryOp.ADD::row, this, o, this);
        }
        return this;
    }

    /** {@code this *= factor}; returns this tensor. */
    public Tensor scaleInPlace(double factor) {
        requireWritable("scaleInPlace");
        if (isContiguous()) {
            KernelProvider.get().scale(factor, data, offset, size);
        } else {
            Strided.binary(BinaryOp.MUL::row, this, scalar(factor).broadcastAs("scaleInPlace", shape), this);
        }
        return this;
    }

    /** Sets every element to {@code value}; returns this tensor. */
    public Tensor fill(double value) {
        requireWritable("fill");
        if (isContiguous()) {
            Arrays.fill(data, offset, offset + size, value);
        } else {
            Strided.binary((a, ao, as, b, bo, bs, out, oo, os, n) -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i * os] = value;
                }
            }, this, this, this);
        }
        return this;
    }

    /** In-place writes into a broadcast view would alias several elements onto one cell. */
    private void requireWritable(String op) {
        for (int i = 0; i < shape.length; i++) {
            if (strides[i] == 0 && shape[i] > 1) {
                throw new IllegalStateException(op + ": tensor of shape " + Shapes.str(shape)
                        + " is a broadcast view (stride 0 on axis " + i + ") and cannot be written");
            }
        }
    }

    // ------------------------------------------------------------------ views

    /**
     * The same elements in a new shape (row-major order); one dimension may be {@code -1} and is
     * inferred. A view whenever the strides allow it (every group of source axes that is merged is
     * itself laid out contiguously, as for any contiguous tensor, a slice along the first axis, or
     * a split of one axis of a transposed view), otherwise a copy.
     */
    public Tensor reshape(int... newShape) {
        int[] target = newShape.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException("reshape: more than one -1 in " + Shapes.str(newShape)
                            + " for shape " + Shapes.str(shape));
                }
                inferred = i;
            } else if (target[i] < 0) {
                throw new IllegalArgumentException("reshape: negative dimension in " + Shapes.str(newShape)
                        + " for shape " + Shapes.str(shape));
            } else {
                known *= target[i];
            }
        }
        if (inferred >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + Shapes.str(shape) + " into "
                        + Shapes.str(newShape));
            }
            target[inferred] = (int) (size / known);
            known *= target[inferred];
        }
        if (known != size) {
            throw new IllegalArgumentException("reshape: cannot reshape " + Shapes.str(shape) + " (" + size
                    + " elements) into " + Shapes.str(newShape));
        }
        int[] viewStrides = Shapes.reshapeStrides(shape, strides, target);
        if (viewStrides != null) {
            return new Tensor(data, offset, target, viewStrides);
        }
        Tensor source = copy();
        return new Tensor(source.data, source.offset, target, Shapes.contiguousStrides(target));
    }

    /** Swaps the last two axes (a view). */
    public Tensor transpose() {
        if (shape.length < 2) {
            throw new IllegalArgumentException("transpose: needs rank >= 2, got shape " + Shapes.str(shape));
        }
        int[] axes = new int[shape.length];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        axes[axes.length - 2] = axes.length - 1;
        axes[axes.length - 1] = axes.length - 2;
        return permute(axes);
    }

    /** Reorders the axes: result axis {@code i} is source axis {@code axes[i]} (a view). */
    public Tensor permute(int... axes) {
        if (axes.length != shape.length) {
            throw new IllegalArgumentException("permute: axes " + Shapes.str(axes) + " do not match shape "
                    + Shapes.str(shape));
        }
        // Rejects repeated and out-of-range axes; with the length check above, axes is a permutation.
        Shapes.axisMask("permute", axes, shape);
        int[] s = new int[axes.length];
        int[] st = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int a = Shapes.axis("permute", axes[i], shape);
            s[i] = shape[a];
            st[i] = strides[a];
        }
        return new Tensor(data, offset, s, st);
    }

    /**
     * Indices {@code start ≤ i < end} along {@code axis} (a view); negative bounds count from the end.
     */
    public Tensor slice(int axis, int start, int end) {
        int a = Shapes.axis("slice", axis, shape);
        int n = shape[a];
        int s = start < 0 ? start + n : start;
        int e = end < 0 ? end + n : end;
        if (s < 0 || e > n || s > e) {
            throw new IllegalArgumentException("slice: range [" + start + ", " + end + ") invalid for axis " + axis
                    + " of shape " + Shapes.str(shape));
        }
        int[] ns = shape.clone();
        ns[a] = e - s;
        return new Tensor(data, offset + s * strides[a], ns, strides.clone());
    }

    /** The sub-tensor at {@code index} along {@code axis}, which is dropped (a view). */
    public Tensor select(int axis, int index) {
        int a = Shapes.axis("select", axis, shape);
        int k = index < 0 ? index + shape[a] : index;
        if (k < 0 || k >= shape[a]) {
            throw new IndexOutOfBoundsException("select: index " + index + " out of bounds for axis " + axis
                    + " of shape " + Shapes.str(shape));
        }
        return new Tensor(data, offset + k * strides[a], remove(shape, a), remove(strides, a));
    }

    /** This tensor repeated along new leading axes and along axes of length 1 (a view with zero strides). */
    public Tensor broadcastTo(int... target) {
        Shapes.checkedSize("broadcastTo", target);
        return broadcastAs("broadcastTo", target.clone());
    }

    Tensor broadcastAs(String op, int[] target) {
        if (Arrays.equals(shape, target)) {
            return this;
        }
        int lead = target.length - shape.length;
        if (lead < 0) {
            throw new IllegalArgumentException(op + ": shape " + Shapes.str(shape) + " cannot be broadcast to "
                    + Shapes.str(target));
        }
        int[] st = new int[target.length];
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == target[lead + i]) {
                st[lead + i] = strides[i];
            } else if (shape[i] == 1) {
                st[lead + i] = 0;
            } else {
                throw new IllegalArgumentException(op + ": shape " + Shapes.str(shape) + " cannot be broadcast to "
                        + Shapes.str(target));
            }
        }
        return new Tensor(data, offset, target, st);
    }

    /** Inserts an axis of length 1 at position {@code axis} of the result (a view). */
    public Tensor unsqueeze(int axis) {
        int a = Shapes.axis("unsqueeze", axis, shape.length + 1, shape);
        int[] s = new int[shape.length + 1];
        int[] st = new int[shape.length + 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            if (i == a) {
                s[i] = 1;
                st[i] = a < shape.length ? strides[a] * shape[a] : 1;
            } else {
                s[i] = shape[j];
                st[i] = strides[j];
                j++;
            }
        }
        return new Tensor(data, offset, s, st);
    }

    /** Removes an axis of length 1 (a view). */
    public Tensor squeeze(int axis) {
        int a = Shapes.axis("squeeze", axis, shape);
        if (shape[a] != 1) {
            throw new IllegalArgumentException("squeeze: axis " + axis + " of shape " + Shapes.str(shape)
                    + " has length " + shape[a] + ", not 1");
        }
        return new Tensor(data, offset, remove(shape, a), remove(strides, a));
    }

    /** This tensor if it is dense ({@link #isDense()}), otherwise a dense row-major copy. */
    public Tensor contiguous() {
        return isDense() ? this : copy();
    }

    /** A row-major copy with its own storage. */
    public Tensor copy() {
        return wrap(toArray(), shape.clone());
    }

    private static int[] remove(int[] values, int index) {
        int[] out = new int[values.length - 1];
        System.arraycopy(values, 0, out, 0, index);
        System.arraycopy(values, index + 1, out, index, values.length - index - 1);
        return out;
    }

    // ------------------------------------------------------------------ elementwise, binary

    private Tensor binary(BinaryOp op, Tensor other) {
        return binary(op.opName(), op::row, other, op);
    }

    /**
     * {@code out = f(this, other)} with NumPy broadcasting; {@code fast} (may be null) provides the
     * tight loop used when both operands are contiguous with one shape.
     */
    private Tensor binary(String op, Strided.RowKernel kernel, Tensor other, BinaryOp fast) {
        if (other == null) {
            throw new IllegalArgumentException(op + ": other tensor is null");
        }
        if (Arrays.equals(shape, other.shape)) {
            double[] out = new double[size];
            if (fast != null && isContiguous() && other.isContiguous()) {
                fast.contiguous(data, offset, other.data, other.offset, out, 0, size);
                return wrap(out, shape.clone());
            }
            Tensor result = wrap(out, shape.clone());
            Strided.binary(kernel, this, other, result);
            return result;
        }
        int[] outShape = Shapes.broadcast(op, shape, other.shape);
        Tensor result = zeros(outShape);
        Strided.binary(kernel, broadcastAs(op, outShape), other.broadcastAs(op, outShape), result);
        return result;
    }

    private Tensor binaryScalar(BinaryOp op, double v) {
        Tensor c = contiguous();
        double[] out = new double[size];
        op.scalarRight(c.data, c.offset, v, out, 0, size);
        return wrap(out, shape.clone());
    }

    /** {@code this + other} (broadcasting). */
    public Tensor add(Tensor other) {
        return binary(BinaryOp.ADD, other);
    }

    /** {@code this + v}. */
    public Tensor add(double v) {
        return binaryScalar(BinaryOp.ADD, v);
    }

    /** {@code this − other} (broadcasting). */
    public Tensor sub(Tensor other) {
        return binary(BinaryOp.SUB, other);
    }

    /** {@code this − v}. */
    public Tensor sub(double v) {
        return binaryScalar(BinaryOp.SUB, v);
    }

    /** {@code this · other} elementwise (broadcasting). */
    public Tensor mul(Tensor other) {
        return binary(BinaryOp.MUL, other);
    }

    /** {@code this · v}. */
    public Tensor mul(double v) {
        return binaryScalar(BinaryOp.MUL, v);
    }

    /** {@code this / other} elementwise (broadcasting). */
    public Tensor div(Tensor other) {
        return binary(BinaryOp.DIV, other);
    }

    /** {@code this / v}. */
    public Tensor div(double v) {
        return binaryScalar(BinaryOp.DIV, v);
    }

    /** {@code max(this, other)} elementwise (broadcasting); NaN propagates. */
    public Tensor maximum(Tensor other) {
        return binary(BinaryOp.MAXIMUM, other);
    }

    /** {@code max(this, v)} elementwise; NaN propagates. */
    public Tensor maximum(double v) {
        return binaryScalar(BinaryOp.MAXIMUM, v);
    }

    /** {@code min(this, other)} elementwise (broadcasting); NaN propagates. */
    public Tensor minimum(Tensor other) {
        return binary(BinaryOp.MINIMUM, other);
    }

    /** {@code min(this, v)} elementwise; NaN propagates. */
    public Tensor minimum(double v) {
        return binaryScalar(BinaryOp.MINIMUM, v);
    }

    /** {@code this^other} elementwise (broadcasting), as {@link Math#pow}. */
    public Tensor pow(Tensor other) {
        return binary(BinaryOp.POW, other);
    }

    /** {@code this^p} elementwise, as {@link Math#pow} ({@code p = 2} is an exact square). */
    public Tensor pow(double p) {
        if (p == 2.0) {
            return square();
        }
        if (p == 1.0) {
            return copy();
        }
        return binaryScalar(BinaryOp.POW, p);
    }

    /** {@code f(this, other)} elementwise with broadcasting, for any scalar function. */
    public Tensor zip(Tensor other, DoubleBinaryOperator f) {
        return binary("zip", (a, ao, as, b, bo, bs, out, oo, os, n) -> {
            for (int i = 0; i < n; i++) {
                out[oo + i * os] = f.applyAsDouble(a[ao + i * as], b[bo + i * bs]);
            }
        }, other, null);
    }

    /** {@code cond ≠ 0 ? a : b} elementwise, all three broadcast to one shape. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        return Selecting.where(cond, a, b);
    }

    // ------------------------------------------------------------------ elementwise, unary

    /** {@code f(this)} elementwise, for any scalar function. */
    public Tensor map(DoubleUnaryOperator f) {
        double[] out = toArray();
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(out[i]);
        }
        return wrap(out, shape.clone());
    }

    /** {@code −x}. */
    public Tensor neg() {
        return UnaryOp.NEG.apply(this);
    }

    /** {@code eˣ}. */
    public Tensor exp() {
        return UnaryOp.EXP.apply(this);
    }

    /** {@code ln x} (NaN for negative x, −∞ at 0, as IEEE 754). */
    public Tensor log() {
        return UnaryOp.LOG.apply(this);
    }

    /** {@code ln(1 + x)}, accurate for small x. */
    public Tensor log1p() {
        return UnaryOp.LOG1P.apply(this);
    }

    /** {@code eˣ − 1}, accurate for small x. */
    public Tensor expm1() {
        return UnaryOp.EXPM1.apply(this);
    }

    /** {@code √x}. */
    public Tensor sqrt() {
        return UnaryOp.SQRT.apply(this);
    }

    /** {@code x²}. */
    public Tensor square() {
        return UnaryOp.SQUARE.apply(this);
    }

    /** {@code 1/x} (±∞ at ±0, as IEEE 754). */
    public Tensor reciprocal() {
        return UnaryOp.RECIPROCAL.apply(this);
    }

    /** {@code |x|}. */
    public Tensor abs() {
        return UnaryOp.ABS.apply(this);
    }

    /** {@code sign(x)} ∈ {−1, 0, 1} (NaN stays NaN). */
    public Tensor sign() {
        return UnaryOp.SIGN.apply(this);
    }

    /** {@code tanh x}. */
    public Tensor tanh() {
        return UnaryOp.TANH.apply(this);
    }

    /**
     * {@code σ(x) = 1/(1 + e^{−x})}, evaluated as {@code eˣ/(1 + eˣ)} for negative x so that no
     * exponential overflows.
     */
    public Tensor sigmoid() {
        return UnaryOp.SIGMOID.apply(this);
    }

    /** {@code max(x, 0)} (NaN stays NaN). */
    public Tensor relu() {
        return UnaryOp.RELU.apply(this);
    }

    /** The error function {@code erf(x) = 2/√π ∫₀ˣ e^{−t²} dt}. */
    public Tensor erf() {
        return UnaryOp.ERF.apply(this);
    }

    /** Elementwise complementary error function {@code erfc(x) = 1 − erf(x)} (see {@link Erf#erfc}). */
    public Tensor erfc() {
        return UnaryOp.ERFC.apply(this);
    }

    /** {@code 1.0} where {@code x > threshold}, else {@code 0.0} (NaN gives 0). */
    public Tensor gtMask(double threshold) {
        return UnaryOp.greaterThanMask(this, threshold);
    }

    // ------------------------------------------------------------------ reductions

    /** {@code Σ x} over all elements (the SIMD kernel when available, so the order of summation may vary by kernel). */
    public double sum() {
        Tensor c = contiguous();
        return KernelProvider.get().sum(c.data, c.offset, size);
    }

    /** The sum along one axis. */
    public Tensor sum(int axis, boolean keepDims) {
        return sum(new int[] {axis}, keepDims);
    }

    /** The sum over several axes (an empty list sums nothing and returns a copy). */
    public Tensor sum(int[] axes, boolean keepDims) {
        boolean[] mask = Shapes.axisMask("sum", axes, shape);
        return wrap(Reductions.sum(this, mask), Shapes.reducedShape(shape, mask, keepDims));
    }

    /** The mean of all elements. */
    public double mean() {
        if (size == 0) {
            throw new IllegalArgumentException("mean: tensor of shape " + Shapes.str(shape) + " is empty");
        }
        return sum() / size;
    }

    /** The mean along one axis. */
    public Tensor mean(int axis, boolean keepDims) {
        return mean(new int[] {axis}, keepDims);
    }

    /** The mean over several axes: the sum divided by the number of elements summed. */
    public Tensor mean(int[] axes, boolean keepDims) {
        boolean[] mask = Shapes.axisMask("mean", axes, shape);
        int count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (mask[i]) {
                count *= shape[i];
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("mean: axes " + Shapes.str(axes) + " of shape " + Shapes.str(shape)
                    + " are empty");
        }
        double[] s = Reductions.sum(this, mask);
        for (int i = 0; i < s.length; i++) {
            s[i] /= count;
        }
        return wrap(s, Shapes.reducedShape(shape, mask, keepDims));
    }

    /** The largest element; NaN propagates. */
    public double max() {
        if (size == 0) {
            throw new IllegalArgumentException("max: tensor of shape " + Shapes.str(shape) + " is empty");
        }
        Tensor c = contiguous();
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            m = Math.max(m, c.data[c.offset + i]);
        }
        return m;
    }

    /** The maximum along one axis; NaN propagates. */
    public Tensor max(int axis, boolean keepDims) {
        int a = nonEmptyAxis("max", axis);
        Tensor c = contiguous();
        double[] out = Reductions.max(c.data, c.offset, Shapes.prod(shape, 0, a), shape[a], Shapes.prod(shape, a + 1, shape.length));
        return wrap(out, reducedShape(a, keepDims));
    }

    /**
     * The index of the first maximum along {@code axis}, for every position of the remaining axes in
     * row-major order. Throws on NaN, which has no place in an ordering.
     */
    public int[] argmax(int axis) {
        int a = nonEmptyAxis("argmax", axis);
        Tensor c = contiguous();
        return Reductions.argmax(c.data, c.offset, Shapes.prod(shape, 0, a), shape[a],
                Shapes.prod(shape, a + 1, shape.length), shape, axis);
    }

    /** {@code log Σ exp(x)} along {@code axis}, shifted by the maximum so that ±1000 is safe. */
    public Tensor logsumexp(int axis, boolean keepDims) {
        int a = Shapes.axis("logsumexp", axis, shape);
        Tensor c = contiguous();
        double[] out = Reductions.logsumexp(c.data, c.offset, Shapes.prod(shape, 0, a), shape[a],
                Shapes.prod(shape, a + 1, shape.length));
        return wrap(out, reducedShape(a, keepDims));
    }

    /** {@code exp(x − logsumexp(x))} along {@code axis}: non-negative, sums to 1. */
    public Tensor softmax(int axis) {
        return logSoftmax("softmax", axis, true);
    }

    /** {@code x − logsumexp(x)} along {@code axis}. */
    public Tensor logSoftmax(int axis) {
        return logSoftmax("logSoftmax", axis, false);
    }

    private Tensor logSoftmax(String op, int axis, boolean exponentiate) {
        int a = Shapes.axis(op, axis, shape);
        Tensor c = contiguous();
        double[] out = Reductions.logSoftmax(c.data, c.offset, Shapes.prod(shape, 0, a), shape[a],
                Shapes.prod(shape, a + 1, shape.length), exponentiate);
        return wrap(out, shape.clone());
    }

    private int nonEmptyAxis(String op, int axis) {
        int a = Shapes.axis(op, axis, shape);
        if (shape[a] == 0) {
            throw new IllegalArgumentException(op + ": axis " + axis + " of shape " + Shapes.str(shape) + " is empty");
        }
        return a;
    }

    private int[] reducedShape(int axis, boolean keepDims) {
        if (keepDims) {
            int[] s = shape.clone();
            s[axis] = 1;
            return s;
        }
        return remove(shape, axis);
    }

    /**
     * The adjoint of {@link #broadcastTo}: sums over the leading axes that broadcasting would add
     * and over the axes where {@code target} has length 1, so that
     * {@code ⟨x.broadcastTo(s), y⟩ = ⟨x, y.sumTo(x.shape())⟩}.
     */
    public Tensor sumTo(int... target) {
        int lead = shape.length - target.length;
        boolean ok = lead >= 0;
        boolean[] mask = new boolean[shape.length];
        for (int i = 0; ok && i < shape.length; i++) {
            if (i < lead) {
                mask[i] = true;
            } else if (target[i - lead] == 1) {
                mask[i] = shape[i] != 1;
            } else if (target[i - lead] != shape[i]) {
                ok = false;
            }
        }
        if (!ok) {
            throw new IllegalArgumentException("sumTo: shape " + Shapes.str(shape) + " cannot be summed to "
                    + Shapes.str(target));
        }
        return wrap(Reductions.sum(this, mask), target.clone());
    }

    /** {@code Σᵢ thisᵢ·otherᵢ} over two tensors of one shape. */
    public double dot(Tensor other) {
        if (!Arrays.equals(shape, other.shape)) {
            throw new IllegalArgumentException("dot: shapes " + Shapes.str(shape) + " and " + Shapes.str(other.shape)
                    + " differ");
        }
        Tensor a = contiguous();
        Tensor b = other.contiguous();
        return KernelProvider.get().dot(a.data, a.offset, b.data, b.offset, size);
    }

    /** The squared Frobenius norm {@code Σ x²}. */
    public double norm2() {
        Tensor c = contiguous();
        return KernelProvider.get().sumOfSquares(c.data, c.offset, size);
    }

    // ------------------------------------------------------------------ linear algebra

    /**
     * The matrix product, as NumPy {@code matmul}: {@code [m, k] @ [k, n] → [m, n]}; for higher
     * ranks the last two axes are matrices and the leading (batch) axes broadcast; a 1-D left
     * operand is a row vector and a 1-D right operand a column vector, whose axis is then dropped.
     */
    public Tensor matmul(Tensor other) {
        return MatMul.matmul(this, other);
    }

    /** The outer product {@code out[i, j] = thisᵢ·otherⱼ} of two vectors. */
    public Tensor outer(Tensor other) {
        requireRank("outer", 1);
        if (other.shape.length != 1) {
            throw new IllegalArgumentException("outer: shapes " + Shapes.str(shape) + " and " + Shapes.str(other.shape)
                    + " are not both vectors");
        }
        int m = shape[0];
        int n = other.shape[0];
        double[] out = new double[m * n];
        if (m > 0 && n > 0) {
            // A rank-1 update is a GEMM with inner dimension 1: [m, 1] @ [1, n].
            Tensor a = contiguous();
            Tensor b = other.contiguous();
            Gemm.gemm(false, false, m, n, 1, 1.0, a.data, a.offset, 1, b.data, b.offset, n, 0.0, out, 0, n);
        }
        return wrap(out, new int[] {m, n});
    }

    // ------------------------------------------------------------------ joining and indexing

    /** Joins tensors along an existing axis; all other dimensions must agree. */
    public static Tensor concat(int axis, Tensor... parts) {
        return Joining.concat(axis, parts);
    }

    /** Joins tensors of one shape along a new axis at position {@code axis}. */
    public static Tensor stack(int axis, Tensor... parts) {
        return Joining.stack(axis, parts);
    }

    /** Gathers the entries {@code idx[0], idx[1], …} along {@code axis} (indices may repeat). */
    public Tensor indexSelect(int axis, int[] idx) {
        return Joining.indexSelect(this, axis, idx);
    }

    /** The {@code [labels.length, classes]} matrix with a 1 at {@code (i, labels[i])}. */
    public static Tensor oneHot(int[] labels, int classes) {
        return Joining.oneHot(labels, classes);
    }

    /** Copies {@code src} (same shape) into this tensor's storage. */
    void assign(Tensor src) {
        Strided.binary((a, ao, as, b, bo, bs, out, oo, os, n) -> {
            for (int i = 0; i < n; i++) {
                out[oo + i * os] = b[bo + i * bs];
            }
        }, this, src, this);
    }

    // ------------------------------------------------------------------ comparison and printing

    /**
     * Whether {@code |this − other| ≤ atol + rtol·|other|} everywhere (broadcasting); NaN is never
     * close.
     */
    public boolean allClose(Tensor other, double rtol, double atol) {
        int[] s = Shapes.broadcast("allClose", shape, other.shape);
        double[] x = broadcastAs("allClose", s).toArray();
        double[] y = other.broadcastAs("allClose", s).toArray();
        for (int i = 0; i < x.length; i++) {
            if (!(Math.abs(x[i] - y[i]) <= atol + rtol * Math.abs(y[i]))) {
                if (x[i] == y[i]) {
                    continue; // equal infinities
                }
                return false;
            }
        }
        return true;
    }

    /** {@code max |this − other|} over two tensors of one shape; NaN if any difference is NaN. */
    public double maxAbsDiff(Tensor other) {
        if (!Arrays.equals(shape, other.shape)) {
            throw new IllegalArgumentException("maxAbsDiff: shapes " + Shapes.str(shape) + " and "
                    + Shapes.str(other.shape) + " differ");
        }
        double[] x = toArray();
        double[] y = other.toArray();
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }

    /** Value equality: same shape and the same elements (compared as {@link Double#compare}). */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Tensor)) {
            return false;
        }
        Tensor t = (Tensor) o;
        return Arrays.equals(shape, t.shape) && Arrays.equals(toArray(), t.toArray());
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(toArray());
    }

    /** {@code Tensor[2, 3] [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]}; large tensors show only their start. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Shapes.str(shape)).append(' ');
        if (size > PRINT_LIMIT) {
            double[] head = Arrays.copyOf(toArray(), PRINT_LIMIT);
            sb.append("(first ").append(head.length).append(" of ").append(size).append(") ")
                    .append(Arrays.toString(head));
            return sb.toString();
        }
        double[] flat = toArray();
        appendNested(sb, flat, 0, 0);
        return sb.toString();
    }

    private int appendNested(StringBuilder sb, double[] flat, int axis, int pos) {
        if (axis == shape.length) {
            sb.append(flat[pos]);
            return pos + 1;
        }
        sb.append('[');
        for (int i = 0; i < shape[axis]; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            pos = appendNested(sb, flat, axis + 1, pos);
        }
        sb.append(']');
        return pos;
    }
}
