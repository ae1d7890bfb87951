package org.jlaplace.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.jlaplace.core.Tensor;

/**
 * Gradient checks in both modes (after JAX's check_grads): the JVP against central differences
 * in a random direction, the VJP against the JVP by the adjoint identity
 * {@code ⟨u, J v⟩ = ⟨Jᵀu, v⟩}, and, for second order, the Hessian-vector product of
 * {@code s(x) = ⟨u, f(x)⟩} three ways: forward-over-reverse, reverse-over-reverse and central
 * differences of gradients.
 */
final class GradCheck {
    /** Central-difference step. */
    static final double H = 1e-5;

    private GradCheck() {
    }

    static Tensor normal(SplittableRandom r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = gaussian(r);
        }
        return t;
    }

    static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u)) * Math.cos(2.0 * Math.PI * v);
    }

    static Tensor uniform(SplittableRandom r, double lo, double hi, int... shape) {
        Tensor t = Tensor.zeros(shape);
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = lo + (hi - lo) * r.nextDouble();
        }
        return t;
    }

    /** Values with {@code |x| ∈ [gap, 2]} and random sign, away from a kink at 0. */
    static Tensor awayFromZero(SplittableRandom r, double gap, int... shape) {
        Tensor t = uniform(r, gap, 2.0, shape);
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            if (r.nextBoolean()) {
                d[i] = -d[i];
            }
        }
        return t;
    }

    /** Distinct values spaced at least {@code gap} apart, in random order (no near-ties for max). */
    static Tensor distinct(SplittableRandom r, double gap, int... shape) {
        Tensor t = Tensor.zeros(shape);
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = i * gap + 0.3 * gap * r.nextDouble();
        }
        for (int i = d.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double tmp = d[i];
            d[i] = d[j];
            d[j] = tmp;
        }
        return t;
    }

    static Var[] constants(Tensor[] xs) {
        Var[] vs = new Var[xs.length];
        for (int i = 0; i < xs.length; i++) {
            vs[i] = Var.of(xs[i]);
        }
        return vs;
    }

    static Tensor eval(Function<Var[], Var> f, Tensor[] xs) {
        return f.apply(constants(xs)).value();
    }

    static Tensor[] shifted(Tensor[] xs, Tensor[] vs, double h) {
        Tensor[] out = new Tensor[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = xs[i].add(vs[i].mul(h));
        }
        return out;
    }

    static Tensor[] randomLike(SplittableRandom r, Tensor[] xs) {
        Tensor[] vs = new Tensor[xs.length];
        for (int i = 0; i < xs.length; i++) {
            vs[i] = normal(r, xs[i].shape());
        }
        return vs;
    }

    static void assertClose(Tensor expected, Tensor actual, double tol, String what) {
        assertTrue(Arrays.equals(expected.shape(), actual.shape()),
            what + ": shape " + Arrays.toString(actual.shape()) + " expected " + Arrays.toString(expected.shape()));
        double scale = 1.0;
        double[] e = expected.contiguous().data();
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        double diff = expected.maxAbsDiff(actual);
        assertTrue(diff <= tol * scale, what + ": max |diff| = " + diff + " > " + tol * scale
            + "\nexpected " + expected + "\nactual   " + actual);
    }

    /** {@code J v} by the JVP rules against {@code (f(x + h v) − f(x − h v)) / 2h}. */
    static void checkJvp(Function<Var[], Var> f, Tensor[] xs, SplittableRandom r, double tol) {
        Tensor[] vs = randomLike(r, xs);
        Tensor fd = eval(f, shifted(xs, vs, H)).sub(eval(f, shifted(xs, vs, -H))).mul(1.0 / (2 * H));
        JvpResult jvp = AD.jvp(f, constants(xs), constants(vs));
        assertClose(eval(f, xs), jvp.value().value(), 1e-12, "jvp value");
        assertClose(fd, jvp.tangent().value(), tol, "jvp vs central differences");
    }

    /** The adjoint identity {@code ⟨u, J v⟩ = Σ_i ⟨J_iᵀ u, v_i⟩}. */
    static void checkAdjoint(Function<Var[], Var> f, Tensor[] xs, SplittableRandom r) {
        Tensor[] vs = randomLike(r, xs);
        VjpResult vjp = AD.vjp(f, constants(xs));
        Tensor u = normal(r, vjp.value().shape());
        Var[] jtu = vjp.pullbackAll(Var.of(u));
        Tensor jv = AD.jvp(f, constants(xs), constants(vs)).tangent().value();
        double lhs = u.dot(jv);
        double rhs = 0;
        double scale = 1.0 + Math.abs(lhs);
        for (int i = 0; i < xs.length; i++) {
            assertTrue(Arrays.equals(xs[i].shape(), jtu[i].shape()), "vjp shape of argument " + i);
            double term = jtu[i].value().dot(vs[i]);
            rhs += term;
            scale += Math.abs(term);
        }
        assertEquals(lhs, rhs, 1e-10 * scale, "adjoint identity <u, Jv> = <J^T u, v>");
    }

    private static Var flatConcat(Var[] parts) {
        Var[] flat = new Var[parts.length];
        for (int i = 0; i < parts.length; i++) {
            flat[i] = parts[i].reshape(-1);
        }
        return Var.concat(0, flat);
    }

    private static Tensor flatConcat(Tensor[] parts) {
        Var[] vs = constants(parts);
        return flatConcat(vs).value();
    }

    /**
     * Second order on {@code s(x) = ⟨u, f(x)⟩}: forward-over-reverse HVP against central
     * differences of the gradient, and reverse-over-reverse against forward-over-reverse.
     */
    static void checkSecondOrder(Function<Var[], Var> f, Tensor[] xs, SplittableRandom r, double tol) {
        Tensor u = normal(r, eval(f, xs).shape());
        Function<Var[], Var> s = as -> f.apply(as).dot(Var.of(u));
        Function<Var[], Var> gradFlat = as -> flatConcat(AD.grad(s, as));
        Tensor[] vs = randomLike(r, xs);
        Tensor vFlat = flatConcat(vs);

        Tensor forwardOverReverse = AD.jvp(gradFlat, constants(xs), constants(vs)).tangent().value();
        Tensor fd = eval(gradFlat, shifted(xs, vs, H)).sub(eval(gradFlat, shifted(xs, vs, -H)))
            .mul(1.0 / (2 * H));
        assertClose(fd, forwardOverReverse, tol, "forward-over-reverse HVP vs differences of gradients");

        Tensor reverseOverReverse = flatConcat(
            AD.grad(as -> gradFlat.apply(as).dot(Var.of(vFlat)), constants(xs))).value();
        assertClose(forwardOverReverse, reverseOverReverse, 1e-9, "reverse-over-reverse vs forward-over-reverse");
    }

    /** All first-order checks and, when {@code secondOrder}, the second-order ones. */
    static void checkAll(Function<Var[], Var> f, Tensor[] xs, SplittableRandom r, boolean secondOrder) {
        checkJvp(f, xs, r, 1e-6);
        checkAdjoint(f, xs, r);
        if (secondOrder) {
            checkSecondOrder(f, xs, r, 1e-5);
        }
    }
}
