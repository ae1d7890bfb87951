package org.jlaplace.autodiff;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.jlaplace.autodiff.primitives.Add;
import org.jlaplace.autodiff.primitives.BroadcastTo;
import org.jlaplace.autodiff.primitives.Concat;
import org.jlaplace.autodiff.primitives.Convolution;
import org.jlaplace.autodiff.primitives.Erf;
import org.jlaplace.autodiff.primitives.Erfc;
import org.jlaplace.autodiff.primitives.Exp;
import org.jlaplace.autodiff.primitives.Identity;
import org.jlaplace.autodiff.primitives.IndexSelect;
import org.jlaplace.autodiff.primitives.Log;
import org.jlaplace.autodiff.primitives.MatMul;
import org.jlaplace.autodiff.primitives.Max;
import org.jlaplace.autodiff.primitives.Maximum;
import org.jlaplace.autodiff.primitives.Mul;
import org.jlaplace.autodiff.primitives.Neg;
import org.jlaplace.autodiff.primitives.Permute;
import org.jlaplace.autodiff.primitives.PowScalar;
import org.jlaplace.autodiff.primitives.Primitive;
import org.jlaplace.autodiff.primitives.Reciprocal;
import org.jlaplace.autodiff.primitives.Relu;
import org.jlaplace.autodiff.primitives.Reshape;
import org.jlaplace.autodiff.primitives.Sigmoid;
import org.jlaplace.autodiff.primitives.Slice;
import org.jlaplace.autodiff.primitives.Sqrt;
import org.jlaplace.autodiff.primitives.Sum;
import org.jlaplace.autodiff.primitives.Tanh;
import org.jlaplace.autodiff.primitives.Where;
import org.jlaplace.core.Tensor;

/**
 * A node of the computation graph: an immutable {@link Tensor} value, plus — when it is
 * <em>tracked</em> — the primitive and the input nodes that produced it.
 *
 * <p>Constants ({@link #of(Tensor)}) are not tracked. A node is tracked when at least one input
 * is tracked and the engine is recording; only the transformations of {@link AD} (and
 * {@link #variable(Tensor)}) create tracked leaves. Operations on untracked values therefore cost
 * only their tensor arithmetic, which is the fast path of a plain forward pass.
 *
 * <p>Every node gets a creation number; since a node is created after its inputs, sorting by
 * that number is a topological order of the graph.
 */
public final class Var {
    /** SELU scale λ (Klambauer et al. 2017). */
    public static final double SELU_SCALE = 1.0507009873554804934193349852946;
    /** SELU α (Klambauer et al. 2017). */
    public static final double SELU_ALPHA = 1.6732632423543772848170429916717;

    private static final AtomicLong NEXT_ID = new AtomicLong();
    private static final Var[] NO_INPUTS = new Var[0];

    private final Tensor value;
    private final int[] shape;
    private final Primitive primitive;
    private final Var[] inputs;
    private final boolean tracked;
    private final long id;

    private Var(Tensor value, Primitive primitive, Var[] inputs, boolean tracked) {
        this.value = value;
        this.shape = value.shape();
        this.primitive = primitive;
        this.inputs = inputs;
        this.tracked = tracked;
        this.id = NEXT_ID.getAndIncrement();
    }

    // ---------------------------------------------------------------- factories

    /** A constant (untracked) node holding {@code value}; the tensor is not copied. */
    public static Var of(Tensor value) {
        if (value == null) {
            throw new IllegalArgumentException("Var.of: value is null");
        }
        return new Var(value, null, NO_INPUTS, false);
    }

    /** A rank-0 constant. */
    public static Var scalar(double value) {
        return of(Tensor.scalar(value));
    }

    /** A constant of zeros. */
    public static Var zeros(int... shape) {
        return of(Tensor.zeros(shape));
    }

    /** A constant of ones. */
    public static Var ones(int... shape) {
        return of(Tensor.ones(shape));
    }

    /** A constant filled with {@code value}. */
    public static Var full(double value, int... shape) {
        return of(Tensor.full(value, shape));
    }

    /**
     * A tracked leaf: a variable that {@link AD#gradients(Var, Var...)} can differentiate with
     * respect to (the functional API creates its own leaves and does not need this).
     */
    public static Var variable(Tensor value) {
        if (value == null) {
            throw new IllegalArgumentException("Var.variable: value is null");
        }
        return new Var(value, null, NO_INPUTS, true);
    }

    /**
     * Applies a primitive: computes its forward value and, when an input is tracked and the engine
     * records, remembers the inputs so the node can be differentiated.
     */
    public static Var apply(Primitive primitive, Var... inputs) {
        Tensor[] values = new Tensor[inputs.length];
        boolean track = false;
        for (int i = 0; i < inputs.length; i++) {
            values[i] = inputs[i].value;
            track |= inputs[i].tracked;
        }
        Tensor out = primitive.forward(values);
        if (track && Trace.recording()) {
            return new Var(out, primitive, inputs.clone(), true);
        }
        return new Var(out, null, NO_INPUTS, false);
    }

    /**
     * A fresh tracked variable with x's value, for a transformation to differentiate with respect
     * to. When x is itself tracked the new node is an identity of x, so that an enclosing
     * transformation still sees the dependence on x.
     */
    static Var fresh(Var x) {
        if (x.tracked && Trace.recording()) {
            return new Var(x.value, Identity.INSTANCE, new Var[] {x}, true);
        }
        return new Var(x.value, null, NO_INPUTS, true);
    }

    // ---------------------------------------------------------------- facts

    /** The value (do not modify it in place: other nodes may share it). */
    public Tensor value() {
        return value;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Size of one axis (negative axes count from the end). */
    public int dim(int axis) {
        return shape[axis(axis, "dim")];
    }

    /** Number of axes. */
    public int rank() {
        return shape.length;
    }

    /** Number of elements. */
    public int size() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The single element of a one-element value. */
    public double item() {
        return value.item();
    }

    /** Whether this node belongs to a graph being differentiated. */
    public boolean isTracked() {
        return tracked;
    }

    Primitive primitive() {
        return primitive;
    }

    Var[] inputs() {
        return inputs;
    }

    long id() {
        return id;
    }

    /** The same value, cut from the graph: derivatives do not flow through it (stop-gradient). */
    public Var detach() {
        return tracked ? of(value) : this;
    }

    // ---------------------------------------------------------------- elementwise arithmetic

    /** {@code this + other} with broadcasting. */
    public Var add(Var other) {
        return apply(Add.INSTANCE, this, other);
    }

    /** {@code this + c}. */
    public Var add(double c) {
        return add(scalar(c));
    }

    /** {@code this − other} with broadcasting. */
    public Var sub(Var other) {
        return add(other.neg());
    }

    /** {@code this − c}. */
    public Var sub(double c) {
        return add(scalar(-c));
    }

    /** {@code this ⊙ other} with broadcasting. */
    public Var mul(Var other) {
        return apply(Mul.INSTANCE, this, other);
    }

    /** {@code c · this}. */
    public Var mul(double c) {
        return mul(scalar(c));
    }

    /** {@code this / other} with broadcasting, as {@code this ⊙ (1/other)}. */
    public Var div(Var other) {
        return mul(other.reciprocal());
    }

    /** {@code this / c}. */
    public Var div(double c) {
        return mul(scalar(1.0 / c));
    }

    /** {@code −this}. */
    public Var neg() {
        return apply(Neg.INSTANCE, this);
    }

    /** {@code 1 / this}. */
    public Var reciprocal() {
        return apply(Reciprocal.INSTANCE, this);
    }

    /** {@code e^this}. */
    public Var exp() {
        return apply(Exp.INSTANCE, this);
    }

    /** Natural logarithm. */
    public Var log() {
        return apply(Log.INSTANCE, this);
    }

    /** Hyperbolic tangent. */
    public Var tanh() {
        return apply(Tanh.INSTANCE, this);
    }

    /** Logistic sigmoid {@code 1 / (1 + e^{−x})}. */
    public Var sigmoid() {
        return apply(Sigmoid.INSTANCE, this);
    }

    /** {@code max(x, 0)}. */
    public Var relu() {
        return apply(Relu.INSTANCE, this);
    }

    /** Square root. */
    public Var sqrt() {
        return apply(Sqrt.INSTANCE, this);
    }

    /** Gauss error function. */
    public Var erf() {
        return apply(Erf.INSTANCE, this);
    }

    /** Complementary error function {@code 1 − erf(x)}, accurate where it is tiny. */
    public Var erfc() {
        return apply(Erfc.INSTANCE, this);
    }

    /** {@code x^p} for a constant p. */
    public Var pow(double p) {
        return apply(new PowScalar(p), this);
    }

    /** {@code x²}. */
    public Var square() {
        return pow(2.0);
    }

    /** {@code |x| = relu(x) + relu(−x)} (derivative 0 at 0). */
    public Var abs() {
        return relu().add(neg().relu());
    }

    /** Elementwise {@code max(this, other)} with broadcasting. */
    public Var maximum(Var other) {
        return apply(Maximum.INSTANCE, this, other);
    }

    /** Elementwise {@code min(this, other) = −max(−this, −other)}. */
    public Var minimum(Var other) {
        return neg().maximum(other.neg()).neg();
    }

    /** Selects {@code a} where {@code condition} is non-zero, else {@code b} (the mask is constant). */
    public static Var where(Tensor condition, Var a, Var b) {
        return apply(new Where(condition), a, b);
    }

    // ---------------------------------------------------------------- activations (compositions)

    /**
     * GELU (exact): {@code x Φ(x) = ½ x (1 + erf(x / √2))}, evaluated as {@code ½ x erfc(−x/√2)}
     * so that the left tail keeps its digits.
     */
    public Var gelu() {
        return mul(mul(-1.0 / Math.sqrt(2.0)).erfc()).mul(0.5);
    }

    /** SiLU / swish: {@code x σ(x)}. */
    public Var silu() {
        return mul(sigmoid());
    }

    /** Softplus {@code log(1 + eˣ)}, evaluated as {@code relu(x) + log(1 + e^{−|x|})} to avoid overflow. */
    public Var softplus() {
        return relu().add(abs().neg().exp().add(1.0).log());
    }

    /** Leaky ReLU: {@code x} for {@code x > 0}, else {@code slope · x}. */
    public Var leakyRelu(double slope) {
        return where(value.gtMask(0.0), this, mul(slope));
    }

    /**
     * SELU: {@code λ x} for {@code x > 0}, else {@code λ α (eˣ − 1)}; the exponential is taken of
     * {@code min(x, 0)} so a large positive x cannot overflow the unselected branch.
     */
    public Var selu() {
        Var negativePart = neg().relu().neg().exp().sub(1.0).mul(SELU_ALPHA);
        return where(value.gtMask(0.0), this, negativePart).mul(SELU_SCALE);
    }

    // ---------------------------------------------------------------- reductions

    /** Sum of all elements (rank-0 result). */
    public Var sum() {
        int[] all = new int[shape.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return sum(all, false);
    }

    /** Sum over the given axes, dropping them. */
    public Var sum(int... axes) {
        return sum(axes, false);
    }

    /** Sum over the given axes (negative axes count from the end). */
    public Var sum(int[] axes, boolean keepDims) {
        int[] norm = normalizeAxes(axes, "sum");
        if (norm.length == 0) {
            return this;
        }
        return apply(new Sum(norm, keepDims), this);
    }

    /** Mean of all elements. */
    public Var mean() {
        return sum().mul(1.0 / size());
    }

    /** Mean over the given axes, dropping them. */
    public Var mean(int... axes) {
        return mean(axes, false);
    }

    /** Mean over the given axes. */
    public Var mean(int[] axes, boolean keepDims) {
        int[] norm = normalizeAxes(axes, "mean");
        long count = 1;
        for (int a : norm) {
            count *= shape[a];
        }
        return sum(norm, keepDims).mul(1.0 / count);
    }

    /** Maximum along an axis (the gradient goes to the first arg-max). */
    public Var max(int axis, boolean keepDims) {
        return apply(new Max(axis(axis, "max"), keepDims), this);
    }

    /**
     * {@code log Σ_{axis} eˣ}, stabilised by the (non-differentiated) maximum m:
     * {@code m + log Σ e^{x − m}}; the result does not depend on m, so neither does its gradient.
     */
    public Var logsumexp(int axis, boolean keepDims) {
        int a = axis(axis, "logsumexp");
        Var m = Var.of(value.max(a, true));
        Var lse = sub(m).exp().sum(new int[] {a}, true).log().add(m);
        if (keepDims) {
            return lse;
        }
        return lse.squeeze(a);
    }

    /** {@code x − logsumexp(x)} along an axis. */
    public Var logSoftmax(int axis) {
        return sub(logsumexp(axis, true));
    }

    /** {@code exp(logSoftmax(x))} along an axis. */
    public Var softmax(int axis) {
        return logSoftmax(axis).exp();
    }

    /** {@code ⟨this, other⟩ = Σ this ⊙ other}, rank-0. */
    public Var dot(Var other) {
        return mul(other).sum();
    }

    // ---------------------------------------------------------------- linear algebra

    /**
     * Matrix product with NumPy semantics: rank ≥ 2 operands are (batched) matrices with
     * broadcast batch axes; a 1-D left operand is a row vector and a 1-D right operand a column
     * vector, whose axis is dropped from the result.
     */
    public Var matmul(Var other) {
        if (rank() == 0 || other.rank() == 0) {
            throw new IllegalArgumentException("matmul: operands must have rank >= 1, got shapes "
                + Arrays.toString(shape) + " and " + Arrays.toString(other.shape));
        }
        if (rank() == 1 && other.rank() == 1) {
            if (shape[0] != other.shape[0]) {
                throw new IllegalArgumentException("matmul: shapes " + Arrays.toString(shape)
                    + " and " + Arrays.toString(other.shape) + " do not match");
            }
            return dot(other);
        }
        if (rank() == 1) {
            return unsqueeze(0).matmul(other).squeeze(-2);
        }
        if (other.rank() == 1) {
            return matmul(other.unsqueeze(1)).squeeze(-1);
        }
        return apply(MatMul.INSTANCE, this, other);
    }

    /**
     * 2-D convolution (cross-correlation), NCHW: x {@code [N,C,H,W]}, w {@code [O,C,kh,kw]}.
     */
    public Var conv2d(Var weight, int stride, int padding) {
        return apply(new Convolution(stride, padding), this, weight);
    }

    /** 2-D convolution plus a per-output-channel bias of shape {@code [O]}. */
    public Var conv2d(Var weight, Var bias, int stride, int padding) {
        Var y = conv2d(weight, stride, padding);
        return y.add(bias.reshape(1, bias.size(), 1, 1));
    }

    /** Max pooling over {@code kernel × kernel} windows, NCHW (see {@link Images#maxPool2d}). */
    public Var maxPool2d(int kernel, int stride) {
        return Images.maxPool2d(this, kernel, stride);
    }

    /** Average pooling over {@code kernel × kernel} windows, NCHW (see {@link Images#avgPool2d}). */
    public Var avgPool2d(int kernel, int stride) {
        return Images.avgPool2d(this, kernel, stride);
    }

    /** Bilinear sampling of this NCHW image at a grid (see {@link Images#gridSample}). */
    public Var gridSample(Var grid) {
        return Images.gridSample(this, grid);
    }

    // ---------------------------------------------------------------- shapes and indexing

    /** Row-major reshape; one entry may be −1. */
    public Var reshape(int... newShape) {
        int[] resolved = resolveShape(newShape);
        if (Arrays.equals(resolved, shape)) {
            return this;
        }
        return apply(new Reshape(resolved), this);
    }

    /** Keeps axes before {@code startAxis} and flattens the rest into one axis. */
    public Var flatten(int startAxis) {
        int s = startAxis < 0 ? startAxis + shape.length : startAxis;
        if (s < 0 || s > shape.length) {
            throw new IllegalArgumentException("flatten: start axis " + startAxis
                + " out of range for shape " + Arrays.toString(shape));
        }
        int[] ns = Arrays.copyOf(shape, s + 1);
        int prod = 1;
        for (int i = s; i < shape.length; i++) {
            prod *= shape[i];
        }
        ns[s] = prod;
        return reshape(ns);
    }

    /** Swaps the last two axes. */
    public Var transpose() {
        if (shape.length < 2) {
            throw new IllegalArgumentException("transpose: needs rank >= 2, got shape " + Arrays.toString(shape));
        }
        int[] perm = new int[shape.length];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        perm[perm.length - 2] = perm.length - 1;
        perm[perm.length - 1] = perm.length - 2;
        return permute(perm);
    }

    /** Reorders axes: {@code result.shape[i] = shape[axes[i]]}. */
    public Var permute(int... axes) {
        if (axes.length != shape.length) {
            throw new IllegalArgumentException("permute: " + Arrays.toString(axes)
                + " is not a permutation of the axes of shape " + Arrays.toString(shape));
        }
        int[] norm = new int[axes.length];
        boolean[] seen = new boolean[axes.length];
        boolean identity = true;
        for (int i = 0; i < axes.length; i++) {
            norm[i] = axis(axes[i], "permute");
            if (seen[norm[i]]) {
                throw new IllegalArgumentException("permute: axis " + axes[i] + " repeated in "
                    + Arrays.toString(axes));
            }
            seen[norm[i]] = true;
            identity &= norm[i] == i;
        }
        return identity ? this : apply(new Permute(norm), this);
    }

    /** Elements {@code start..end−1} along an axis. */
    public Var slice(int axis, int start, int end) {
        int a = axis(axis, "slice");
        if (start < 0 || end > shape[a] || start > end) {
            throw new IllegalArgumentException("slice: range [" + start + ", " + end
                + ") invalid for axis " + axis + " of shape " + Arrays.toString(shape));
        }
        if (start == 0 && end == shape[a]) {
            return this;
        }
        return apply(new Slice(a, start, end), this);
    }

    /** The slice at one index along an axis, with that axis dropped. */
    public Var select(int axis, int index) {
        int a = axis(axis, "select");
        return slice(a, index, index + 1).squeeze(a);
    }

    /** Inserts a size-1 axis at position {@code axis} (in the result). */
    public Var unsqueeze(int axis) {
        int a = axis < 0 ? axis + shape.length + 1 : axis;
        if (a < 0 || a > shape.length) {
            throw new IllegalArgumentException("unsqueeze: axis " + axis + " out of range for shape "
                + Arrays.toString(shape));
        }
        int[] ns = new int[shape.length + 1];
        for (int i = 0, j = 0; i < ns.length; i++) {
            ns[i] = i == a ? 1 : shape[j++];
        }
        return reshape(ns);
    }

    /** Removes a size-1 axis. */
    public Var squeeze(int axis) {
        int a = axis(axis, "squeeze");
        if (shape[a] != 1) {
            throw new IllegalArgumentException("squeeze: axis " + axis + " has size " + shape[a]
                + " in shape " + Arrays.toString(shape));
        }
        int[] ns = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != a) {
                ns[j++] = shape[i];
            }
        }
        return reshape(ns);
    }

    /** Broadcasts to a larger shape (NumPy rules). */
    public Var broadcastTo(int... target) {
        if (Arrays.equals(target, shape)) {
            return this;
        }
        return apply(new BroadcastTo(target), this);
    }

    /**
     * Sums over the axes that broadcasting from {@code target} to this shape would have created:
     * the adjoint of {@link #broadcastTo}.
     */
    public Var sumTo(int... target) {
        if (Arrays.equals(target, shape)) {
            return this;
        }
        int lead = shape.length - target.length;
        if (lead < 0) {
            throw new IllegalArgumentException("sumTo: cannot sum shape " + Arrays.toString(shape)
                + " to larger rank shape " + Arrays.toString(target));
        }
        int[] axes = new int[shape.length];
        int n = 0;
        for (int i = 0; i < shape.length; i++) {
            if (i < lead) {
                axes[n++] = i;
            } else if (target[i - lead] != shape[i]) {
                if (target[i - lead] != 1) {
                    throw new IllegalArgumentException("sumTo: shape " + Arrays.toString(shape)
                        + " does not broadcast from " + Arrays.toString(target));
                }
                axes[n++] = i;
            }
        }
        return sum(Arrays.copyOf(axes, n), true).reshape(target);
    }

    /** Gathers the slices {@code index[j]} along an axis (indices may repeat). */
    public Var indexSelect(int axis, int[] index) {
        return apply(new IndexSelect(axis(axis, "indexSelect"), index.clone()), this);
    }

    /** Joins parts along an existing axis. */
    public static Var concat(int axis, Var... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat: no parts");
        }
        if (parts.length == 1) {
            return parts[0];
        }
        int a = parts[0].axis(axis, "concat");
        return apply(new Concat(a), parts);
    }

    /** Joins equally shaped parts along a new axis. */
    public static Var stack(int axis, Var... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("stack: no parts");
        }
        Var[] expanded = new Var[parts.length];
        for (int i = 0; i < parts.length; i++) {
            expanded[i] = parts[i].unsqueeze(axis);
        }
        int a = axis < 0 ? axis + parts[0].rank() + 1 : axis;
        return concat(a, expanded);
    }

    // ---------------------------------------------------------------- helpers

    private int axis(int axis, String op) {
        int a = axis < 0 ? axis + shape.length : axis;
        if (a < 0 || a >= shape.length) {
            throw new IllegalArgumentException(op + ": axis " + axis + " out of range for shape "
                + Arrays.toString(shape));
        }
        return a;
    }

    private int[] normalizeAxes(int[] axes, String op) {
        int[] norm = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            norm[i] = axis(axes[i], op);
        }
        Arrays.sort(norm);
        for (int i = 1; i < norm.length; i++) {
            if (norm[i] == norm[i - 1]) {
                throw new IllegalArgumentException(op + ": axis repeated in " + Arrays.toString(axes));
            }
        }
        return norm;
    }

    private int[] resolveShape(int[] newShape) {
        int[] r = newShape.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < r.length; i++) {
            if (r[i] == -1 && unknown < 0) {
                unknown = i;
            } else if (r[i] < 0) {
                throw new IllegalArgumentException("reshape: invalid target " + Arrays.toString(newShape));
            } else {
                known *= r[i];
            }
        }
        int n = size();
        if (unknown >= 0) {
            if (known == 0 || n % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + Arrays.toString(shape)
                    + " to " + Arrays.toString(newShape));
            }
            r[unknown] = (int) (n / known);
        } else if (known != n) {
            throw new IllegalArgumentException("reshape: cannot reshape " + Arrays.toString(shape)
                + " to " + Arrays.toString(newShape));
        }
        return r;
    }

    @Override
    public String toString() {
        return "Var" + Arrays.toString(shape) + (tracked ? "(tracked " + (primitive == null
            ? "leaf" : primitive.name()) + ")" : "") + " " + value;
    }
}
