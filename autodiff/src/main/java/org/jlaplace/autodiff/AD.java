package org.jlaplace.autodiff;

import java.util.Arrays;
import java.util.function.Function;
import org.jlaplace.core.Tensor;

/**
 * The functional API: transformations of functions on {@link Var}s, in the style of JAX and
 * {@code torch.func}.
 *
 * <p>Each transformation wraps its arguments in fresh tracked variables, evaluates the function
 * once (recording the graph) and sweeps the graph: reverse mode with the primitives' VJP rules,
 * forward mode with their JVP rules. The rules are written in {@code Var} operations, so a sweep
 * that runs inside another transformation's function records its own graph and can be
 * differentiated again: {@code hessian = jacfwd(grad f)}, {@code hvp} is forward-over-reverse,
 * and {@code grad} of a function that calls {@code grad} is reverse-over-reverse. Because every
 * transformation differentiates only with respect to its own fresh variables, nested
 * derivatives cannot confuse their perturbations: {@code d/dx [x · d/dy (x + y)] = 1}.
 *
 * <p>A sweep run outside any transformation records nothing, so plain first-order gradients
 * cost only the tensor arithmetic of the rules.
 */
public final class AD {

    private AD() {
    }

    // ------------------------------------------------------------------ evaluation

    private static Var call(Function<Var, Var> f, Var x) {
        Trace.enterFunction();
        try {
            return checkOutput(f.apply(x));
        } finally {
            Trace.exitFunction();
        }
    }

    private static Var callN(Function<Var[], Var> f, Var[] xs) {
        Trace.enterFunction();
        try {
            return checkOutput(f.apply(xs.clone()));
        } finally {
            Trace.exitFunction();
        }
    }

    private static Var checkOutput(Var y) {
        if (y == null) {
            throw new IllegalArgumentException("AD: the function returned null");
        }
        return y;
    }

    private static Var[] freshAll(Var[] xs) {
        if (xs.length == 0) {
            throw new IllegalArgumentException("AD: the function needs at least one argument");
        }
        Var[] leaves = new Var[xs.length];
        for (int i = 0; i < xs.length; i++) {
            leaves[i] = Var.fresh(xs[i]);
        }
        return leaves;
    }

    private static void requireScalar(Var y, String op) {
        if (y.size() != 1) {
            throw new IllegalArgumentException(op + ": the function must return one element, got shape "
                + Arrays.toString(y.shape()));
        }
    }

    // ------------------------------------------------------------------ reverse mode

    /** {@code ∇f(x)} of a scalar-valued f. */
    public static Var grad(Function<Var, Var> f, Var x) {
        return valueAndGrad(f, x).grad();
    }

    /** {@code ∇f(x)} on tensors. */
    public static Tensor grad(Function<Var, Var> f, Tensor x) {
        return grad(f, Var.of(x)).value();
    }

    /** The gradient as a function: {@code x ↦ ∇f(x)} (composable: {@code grad(grad(f))} for scalars). */
    public static Function<Var, Var> grad(Function<Var, Var> f) {
        return x -> grad(f, x);
    }

    /** {@code (f(x), ∇f(x))} from one evaluation. */
    public static ValueAndGrad valueAndGrad(Function<Var, Var> f, Var x) {
        ValueAndGrads r = valueAndGrad(xs -> f.apply(xs[0]), new Var[] {x});
        return new ValueAndGrad(r.value(), r.grads()[0]);
    }

    /** Gradients of a scalar function of several arguments, one per argument. */
    public static Var[] grad(Function<Var[], Var> f, Var[] xs) {
        return valueAndGrad(f, xs).grads();
    }

    /** Gradients of a scalar function of several tensor arguments. */
    public static Tensor[] grad(Function<Var[], Var> f, Tensor[] xs) {
        Var[] vs = new Var[xs.length];
        for (int i = 0; i < xs.length; i++) {
            vs[i] = Var.of(xs[i]);
        }
        Var[] g = grad(f, vs);
        Tensor[] out = new Tensor[g.length];
        for (int i = 0; i < g.length; i++) {
            out[i] = g[i].value();
        }
        return out;
    }

    /** Value and gradients of a scalar function of several arguments. */
    public static ValueAndGrads valueAndGrad(Function<Var[], Var> f, Var[] xs) {
        Var[] leaves = freshAll(xs);
        Var y = callN(f, leaves);
        requireScalar(y, "grad");
        Var[] g = Sweeps.reverse(y, Var.ones(y.shape()), leaves, false);
        return new ValueAndGrads(y, g);
    }

    /** {@code f(x)} and the pullback {@code u ↦ J(x)ᵀ u}. */
    public static VjpResult vjp(Function<Var, Var> f, Var x) {
        return vjp(xs -> f.apply(xs[0]), new Var[] {x});
    }

    /** {@code f(x₁..x_k)} and the pullback {@code u ↦ (J₁ᵀu, …, J_kᵀu)}. */
    public static VjpResult vjp(Function<Var[], Var> f, Var[] xs) {
        Var[] leaves = freshAll(xs);
        Var y = callN(f, leaves);
        Sweeps.Plan plan = new Sweeps.Plan(y, leaves);
        return new VjpResult(y, u -> Sweeps.reverse(plan, u, false));
    }

    /**
     * Low-level reverse mode on an already built graph: {@code ∂output/∂wrt_i} for a one-element
     * output and tracked nodes {@code wrt} (e.g. {@link Var#variable} leaves). The result records
     * a graph only inside another transformation.
     */
    public static Var[] gradients(Var output, Var... wrt) {
        requireScalar(output, "gradients");
        return Sweeps.reverse(output, Var.ones(output.shape()), wrt, false);
    }

    /**
     * Like {@link #gradients(Var, Var...)}, but {@code createGraph = true} records the sweep so
     * that the gradients can themselves be differentiated with another low-level call.
     */
    public static Var[] gradients(Var output, boolean createGraph, Var... wrt) {
        requireScalar(output, "gradients");
        return Sweeps.reverse(output, Var.ones(output.shape()), wrt, createGraph);
    }

    // ------------------------------------------------------------------ forward mode

    /** {@code (f(x), J(x) v)} by the JVP rules. */
    public static JvpResult jvp(Function<Var, Var> f, Var x, Var v) {
        return jvp(xs -> f.apply(xs[0]), new Var[] {x}, new Var[] {v});
    }

    /** {@code (f(x), Σ_i J_i(x) v_i)} for a function of several arguments. */
    public static JvpResult jvp(Function<Var[], Var> f, Var[] xs, Var[] vs) {
        Linearization lin = linearize(f, xs);
        return new JvpResult(lin.value(), lin.pushforward(vs));
    }

    /** {@code f(x)} and the linear map {@code v ↦ J(x) v}, evaluating f once. */
    public static Linearization linearize(Function<Var, Var> f, Var x) {
        return linearize(xs -> f.apply(xs[0]), new Var[] {x});
    }

    /** Linearisation of a function of several arguments. */
    public static Linearization linearize(Function<Var[], Var> f, Var[] xs) {
        Var[] leaves = freshAll(xs);
        Var y = callN(f, leaves);
        Sweeps.Plan plan = new Sweeps.Plan(y, leaves);
        return new Linearization(y, vs -> Sweeps.forward(plan, vs, false), leaves.length);
    }

    // ------------------------------------------------------------------ Jacobians and Hessians

    private static int[] concatShapes(int[] a, int[] b) {
        int[] s = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, s, a.length, b.length);
        return s;
    }

    private static Var basis(int[] shape, int i) {
        Tensor e = Tensor.zeros(shape);
        double[] d = e.data();
        d[i] = 1.0;
        return Var.of(e);
    }

    /**
     * The Jacobian by reverse mode (one reverse sweep per output element), with shape
     * {@code shape(f(x)) ++ shape(x)}.
     */
    public static Var jacrev(Function<Var, Var> f, Var x) {
        VjpResult r = vjp(f, x);
        int[] outShape = r.value().shape();
        int m = r.value().size();
        Var[] rows = new Var[m];
        for (int i = 0; i < m; i++) {
            rows[i] = r.pullback(basis(outShape, i)).reshape(1, x.size());
        }
        return Var.concat(0, rows).reshape(concatShapes(outShape, x.shape()));
    }

    /** {@link #jacrev(Function, Var)} on tensors. */
    public static Tensor jacrev(Function<Var, Var> f, Tensor x) {
        return jacrev(f, Var.of(x)).value();
    }

    /**
     * The Jacobian by forward mode (one forward sweep per input element), with shape
     * {@code shape(f(x)) ++ shape(x)}.
     */
    public static Var jacfwd(Function<Var, Var> f, Var x) {
        Linearization lin = linearize(f, x);
        int[] inShape = x.shape();
        int n = x.size();
        int m = lin.value().size();
        Var[] cols = new Var[n];
        for (int j = 0; j < n; j++) {
            cols[j] = lin.pushforward(basis(inShape, j)).reshape(m, 1);
        }
        return Var.concat(1, cols).reshape(concatShapes(lin.value().shape(), inShape));
    }

    /** {@link #jacfwd(Function, Var)} on tensors. */
    public static Tensor jacfwd(Function<Var, Var> f, Tensor x) {
        return jacfwd(f, Var.of(x)).value();
    }

    /** The Hessian of a scalar function, {@code jacfwd(grad f)}, shape {@code shape(x) ++ shape(x)}. */
    public static Var hessian(Function<Var, Var> f, Var x) {
        return jacfwd(grad(f), x);
    }

    /** {@link #hessian(Function, Var)} on tensors. */
    public static Tensor hessian(Function<Var, Var> f, Tensor x) {
        return hessian(f, Var.of(x)).value();
    }

    /** Hessian-vector product {@code ∇²f(x) v} by forward-over-reverse. */
    public static Var hvp(Function<Var, Var> f, Var x, Var v) {
        return jvp(grad(f), x, v).tangent();
    }

    /** {@link #hvp(Function, Var, Var)} on tensors. */
    public static Tensor hvp(Function<Var, Var> f, Tensor x, Tensor v) {
        return hvp(f, Var.of(x), Var.of(v)).value();
    }
}
