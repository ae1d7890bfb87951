package org.jlaplace.autodiff.nn;

import java.util.List;
import java.util.Locale;
import org.jlaplace.autodiff.AD;
import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/**
 * Elementwise activation {@code y = φ(x)} with PyTorch's definitions:
 * <ul>
 *   <li>relu {@code max(x, 0)}; tanh; sigmoid {@code 1/(1+e^{−x})}</li>
 *   <li>gelu (exact) {@code x·Φ(x) = ½x(1 + erf(x/√2))}</li>
 *   <li>silu {@code x·sigmoid(x)}</li>
 *   <li>selu {@code λ·x} for {@code x > 0}, else {@code λα(eˣ − 1)}, {@code λ ≈ 1.0507}, {@code α ≈ 1.6733}</li>
 *   <li>softplus {@code log(1 + eˣ)} (β = 1; {@code x} itself above the threshold 20, as PyTorch)</li>
 *   <li>leaky_relu {@code x} for {@code x > 0}, else {@code slope·x} (default slope 0.01)</li>
 * </ul>
 * Derivatives at kinks follow PyTorch (relu'(0) = 0, leaky_relu'(0) = slope).
 *
 * <p>Each kind is written once, as a {@link Var} expression ({@link #apply(Var)}) over the AD
 * primitives. The graph path uses it as it is; the batched path ({@link Trace}) evaluates the same
 * expression on a whole layer at once and takes {@code φ'(x)} from the primitives' derivative
 * rules, so the two paths cannot disagree.
 */
public final class Activation extends Layer {

    /** The activation functions, each with its rule as a differentiable expression. */
    public enum Kind {
        RELU((x, slope) -> x.relu()),
        TANH((x, slope) -> x.tanh()),
        SIGMOID((x, slope) -> x.sigmoid()),
        GELU((x, slope) -> x.gelu()),
        SILU((x, slope) -> x.silu()),
        SELU((x, slope) -> x.selu()),
        /** PyTorch's softplus (β = 1) is the identity above {@value #SOFTPLUS_THRESHOLD}. */
        SOFTPLUS((x, slope) -> Var.where(x.value().gtMask(Kind.SOFTPLUS_THRESHOLD), x, x.softplus())),
        LEAKY_RELU((x, slope) -> x.leakyRelu(slope));

        private static final double SOFTPLUS_THRESHOLD = 20.0;

        private final Rule rule;

        Kind(Rule rule) {
            this.rule = rule;
        }

        /** The model.json name, e.g. {@code "leaky_relu"}. */
        public String typeName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code φ(x)} elementwise; {@code slope} is read by leaky_relu only. */
    @FunctionalInterface
    private interface Rule {
        Var apply(Var x, double slope);
    }

    /** Default negative slope of leaky_relu (PyTorch's). */
    public static final double DEFAULT_LEAKY_SLOPE = 0.01;

    private final Kind kind;
    private final double slope;

    private Activation(Kind kind, double slope) {
        this.kind = kind;
        this.slope = slope;
    }

    public static Activation relu() {
        return new Activation(Kind.RELU, 0);
    }

    public static Activation tanh() {
        return new Activation(Kind.TANH, 0);
    }

    public static Activation sigmoid() {
        return new Activation(Kind.SIGMOID, 0);
    }

    public static Activation gelu() {
        return new Activation(Kind.GELU, 0);
    }

    public static Activation silu() {
        return new Activation(Kind.SILU, 0);
    }

    public static Activation selu() {
        return new Activation(Kind.SELU, 0);
    }

    public static Activation softplus() {
        return new Activation(Kind.SOFTPLUS, 0);
    }

    public static Activation leakyRelu() {
        return leakyRelu(DEFAULT_LEAKY_SLOPE);
    }

    /** leaky_relu with the given negative slope (any finite value). */
    public static Activation leakyRelu(double negativeSlope) {
        if (!Double.isFinite(negativeSlope)) {
            throw new IllegalArgumentException("leaky_relu: negative_slope must be finite, got " + negativeSlope);
        }
        return new Activation(Kind.LEAKY_RELU, negativeSlope);
    }

    /** The activation of a kind; for leaky_relu the default slope. */
    public static Activation of(Kind kind) {
        return kind == Kind.LEAKY_RELU ? leakyRelu() : new Activation(kind, 0);
    }

    /**
     * The activation named as in model.json ({@code "relu"}, …, {@code "leaky_relu"}).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Activation of(String type) {
        for (Kind k : Kind.values()) {
            if (k.typeName().equals(type)) {
                return of(k);
            }
        }
        throw new IllegalArgumentException("Activation: unknown type \"" + type
                + "\" (expected relu, tanh, sigmoid, gelu, silu, selu, softplus or leaky_relu)");
    }

    public Kind kind() {
        return kind;
    }

    /** The negative slope of leaky_relu (0 for the other kinds). */
    public double negativeSlope() {
        return slope;
    }

    /** {@code φ(x)} elementwise, as a graph node: the one definition of this activation. */
    public Var apply(Var x) {
        return kind.rule.apply(x, slope);
    }

    /** φ(x) for one number (evaluates {@link #apply(Var)}). */
    public double apply(double x) {
        return apply(Var.scalar(x)).item();
    }

    /** φ'(x) for one number (differentiates {@link #apply(Var)}). */
    public double derivative(double x) {
        return AD.grad(this::apply, Tensor.scalar(x)).item();
    }

    /**
     * {@code φ(x)} and {@code φ'(x)} for the entries {@code [from, to)} of {@code x} (not modified)
     * into the same entries of {@code y} and {@code derivative}: one evaluation of
     * {@link #apply(Var)} and one reverse sweep of its sum, whose gradient is {@code φ'} entry by
     * entry because {@code φ} acts elementwise.
     */
    void valueAndDerivative(double[] x, int from, int to, double[] y, double[] derivative) {
        Var in = Var.variable(entries(x, from, to));
        Var out = apply(in);
        System.arraycopy(out.value().contiguous().data(), 0, y, from, to - from);
        System.arraycopy(AD.gradients(out.sum(), in)[0].value().contiguous().data(), 0, derivative, from, to - from);
    }

    /** {@code φ(x)} for the entries {@code [from, to)} of {@code x} (not modified) into {@code y}. */
    void values(double[] x, int from, int to, double[] y) {
        System.arraycopy(apply(Var.of(entries(x, from, to))).value().contiguous().data(), 0, y, from, to - from);
    }

    private static Tensor entries(double[] x, int from, int to) {
        return Tensor.of(from == 0 && to == x.length ? x : java.util.Arrays.copyOfRange(x, from, to), to - from);
    }

    @Override
    Var graph(Var input, List<Var> parameters) {
        return apply(input);
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length == 0) {
            throw new IllegalArgumentException(type() + ": input shape must have at least one axis");
        }
        return inputShape.clone();
    }

    @Override
    public String type() {
        return kind.typeName();
    }

    @Override
    LayerOp bind(int[] inputShape) {
        return new ActivationOp(this, inputShape);
    }

    @Override
    public String toString() {
        return kind == Kind.LEAKY_RELU ? "leaky_relu(" + slope + ")" : type();
    }
}
