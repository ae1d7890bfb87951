package org.jlaplace.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jlaplace.autodiff.primitives.ConvolutionInputAdjoint;
import org.jlaplace.autodiff.primitives.ConvolutionWeightAdjoint;
import org.jlaplace.autodiff.primitives.Gram;
import org.jlaplace.autodiff.primitives.Identity;
import org.jlaplace.autodiff.primitives.IndexAdd;
import org.jlaplace.autodiff.primitives.PrimitiveTable;
import org.jlaplace.autodiff.primitives.SpdLogDet;
import org.jlaplace.autodiff.primitives.SpdSolve;
import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Gradient checks for every registered primitive, over random shapes, values and parameters
 * drawn from QuickTheories seeds: JVP against central differences, VJP by the adjoint identity,
 * and second order (forward-over-reverse HVP against differences of gradients,
 * reverse-over-reverse against forward-over-reverse) on {@code f(x)²}, which also differentiates
 * the VJP rules of the linear primitives.
 */
class PrimitiveGradientTest {
    private static final int EXAMPLES = 12;

    /** One random instance: a function that applies the primitive, and its arguments. */
    record Instance(Function<Var[], Var> f, Tensor[] xs) {
    }

    private static int dim(SplittableRandom r, int max) {
        return 1 + r.nextInt(max);
    }

    /** A shape that broadcasts against {@code [m, n]}. */
    private static int[] broadcastPartner(SplittableRandom r, int m, int n) {
        switch (r.nextInt(5)) {
            case 0: return new int[] {m, n};
            case 1: return new int[] {n};
            case 2: return new int[] {1, n};
            case 3: return new int[] {m, 1};
            default: return new int[0];
        }
    }

    private static Instance unary(SplittableRandom r, Function<Var, Var> op, String domain) {
        int[] shape = {dim(r, 3), dim(r, 4)};
        Tensor x;
        switch (domain) {
            case "positive": x = GradCheck.uniform(r, 0.5, 2.0, shape); break;
            case "kink": x = GradCheck.awayFromZero(r, 0.05, shape); break;
            default: x = GradCheck.normal(r, shape);
        }
        return new Instance(as -> op.apply(as[0]), new Tensor[] {x});
    }

    private static Instance binary(SplittableRandom r, Function<Var[], Var> op) {
        int m = dim(r, 3);
        int n = dim(r, 4);
        Tensor a = GradCheck.normal(r, m, n);
        Tensor b = GradCheck.normal(r, broadcastPartner(r, m, n));
        return r.nextBoolean() ? new Instance(op, new Tensor[] {a, b}) : new Instance(op, new Tensor[] {b, a});
    }

    private static int[] randomIndex(SplittableRandom r, int count, int bound) {
        int[] idx = new int[count];
        for (int i = 0; i < count; i++) {
            idx[i] = r.nextInt(bound);
        }
        return idx;
    }

    private static Map<String, Function<SplittableRandom, Instance>> cases() {
        Map<String, Function<SplittableRandom, Instance>> c = new LinkedHashMap<>();
        c.put("identity", r -> unary(r, x -> Var.apply(Identity.INSTANCE, x).mul(x), "any"));
        c.put("add", r -> binary(r, as -> as[0].add(as[1])));
        c.put("mul", r -> binary(r, as -> as[0].mul(as[1])));
        c.put("neg", r -> unary(r, Var::neg, "any"));
        c.put("reciprocal", r -> unary(r, Var::reciprocal, "positive"));
        c.put("exp", r -> unary(r, Var::exp, "any"));
        c.put("log", r -> unary(r, Var::log, "positive"));
        c.put("tanh", r -> unary(r, Var::tanh, "any"));
        c.put("sigmoid", r -> unary(r, Var::sigmoid, "any"));
        c.put("relu", r -> unary(r, Var::relu, "kink"));
        c.put("maximum", r -> {
            int m = dim(r, 3);
            int n = dim(r, 4);
            Tensor a = GradCheck.normal(r, m, n);
            Tensor b = a.add(GradCheck.awayFromZero(r, 0.05, m, n));
            return new Instance(as -> as[0].maximum(as[1]), new Tensor[] {a, b});
        });
        c.put("pow", r -> {
            double[] powers = {2.0, 3.0, 0.5, -1.5, 1.0};
            double p = powers[r.nextInt(powers.length)];
            return unary(r, x -> x.pow(p), "positive");
        });
        c.put("sqrt", r -> unary(r, Var::sqrt, "positive"));
        c.put("erf", r -> unary(r, Var::erf, "any"));
        c.put("erfc", r -> unary(r, Var::erfc, "any"));
        c.put("where", r -> {
            int m = dim(r, 3);
            int n = dim(r, 4);
            Tensor cond = GradCheck.normal(r, m, n).gtMask(0.0);
            Tensor a = GradCheck.normal(r, broadcastPartner(r, m, n));
            Tensor b = GradCheck.normal(r, broadcastPartner(r, m, n));
            return new Instance(as -> Var.where(cond, as[0], as[1]).broadcastTo(m, n), new Tensor[] {a, b});
        });
        c.put("matmul", r -> {
            int batch = dim(r, 3);
            int m = dim(r, 3);
            int k = dim(r, 4);
            int n = dim(r, 3);
            int variant = r.nextInt(4);
            Tensor a = variant == 3 ? GradCheck.normal(r, m, k) : GradCheck.normal(r, batch, m, k);
            Tensor b = variant == 0 ? GradCheck.normal(r, k, n)
                : variant == 1 ? GradCheck.normal(r, 1, k, n) : GradCheck.normal(r, batch, k, n);
            return new Instance(as -> as[0].matmul(as[1]), new Tensor[] {a, b});
        });
        c.put("sum", r -> {
            Tensor x = GradCheck.normal(r, dim(r, 3), dim(r, 3), dim(r, 3));
            List<Integer> axes = new ArrayList<>();
            for (int a = 0; a < 3; a++) {
                if (r.nextBoolean()) {
                    axes.add(a - (r.nextBoolean() ? 3 : 0));
                }
            }
            int[] ax = axes.stream().mapToInt(Integer::intValue).toArray();
            boolean keep = r.nextBoolean();
            return new Instance(as -> as[0].sum(ax, keep).add(as[0].sum()), new Tensor[] {x});
        });
        c.put("max", r -> {
            Tensor x = GradCheck.distinct(r, 0.05, dim(r, 3), dim(r, 4), dim(r, 3));
            int axis = r.nextInt(3);
            boolean keep = r.nextBoolean();
            return new Instance(as -> as[0].max(axis, keep), new Tensor[] {x});
        });
        c.put("broadcastTo", r -> {
            int m = dim(r, 3);
            int n = dim(r, 3);
            Tensor x = GradCheck.normal(r, m, 1);
            int b = dim(r, 3);
            return new Instance(as -> as[0].broadcastTo(b, m, n), new Tensor[] {x});
        });
        c.put("reshape", r -> {
            int m = dim(r, 3);
            int n = dim(r, 3);
            int k = dim(r, 3);
            return new Instance(as -> as[0].reshape(n, -1), new Tensor[] {GradCheck.normal(r, m, n, k)});
        });
        c.put("permute", r -> {
            int[][] perms = {{1, 0, 2}, {2, 0, 1}, {1, 2, 0}, {2, 1, 0}, {0, 2, 1}};
            int[] p = perms[r.nextInt(perms.length)];
            Tensor x = GradCheck.normal(r, dim(r, 3), dim(r, 3), dim(r, 4));
            return new Instance(as -> as[0].permute(p), new Tensor[] {x});
        });
        c.put("slice", r -> {
            Tensor x = GradCheck.normal(r, dim(r, 3), 2 + r.nextInt(4));
            int axis = r.nextInt(2);
            int n = x.dim(axis);
            int start = r.nextInt(n);
            int end = start + 1 + r.nextInt(n - start);
            return new Instance(as -> as[0].slice(axis, start, end).add(0.0), new Tensor[] {x});
        });
        c.put("concat", r -> {
            int axis = r.nextInt(2);
            int parts = 2 + r.nextInt(2);
            int m = dim(r, 3);
            Tensor[] xs = new Tensor[parts];
            for (int i = 0; i < parts; i++) {
                xs[i] = axis == 0 ? GradCheck.normal(r, dim(r, 3), m) : GradCheck.normal(r, m, dim(r, 3));
            }
            return new Instance(as -> Var.concat(axis, as), xs);
        });
        c.put("indexSelect", r -> {
            Tensor x = GradCheck.normal(r, dim(r, 4), dim(r, 4));
            int axis = r.nextInt(2);
            int[] idx = randomIndex(r, 1 + r.nextInt(6), x.dim(axis));
            return new Instance(as -> as[0].indexSelect(axis, idx), new Tensor[] {x});
        });
        c.put("indexAdd", r -> {
            int m = dim(r, 3);
            int k = 1 + r.nextInt(6);
            int size = dim(r, 4);
            int[] idx = randomIndex(r, k, size);
            Tensor x = GradCheck.normal(r, m, k);
            return new Instance(as -> Var.apply(new IndexAdd(1, idx, size), as[0]), new Tensor[] {x});
        });
        c.put("conv2d", r -> {
            ConvSetup s = ConvSetup.random(r);
            return new Instance(as -> as[0].conv2d(as[1], s.stride, s.padding),
                new Tensor[] {GradCheck.normal(r, s.input), GradCheck.normal(r, s.weight)});
        });
        c.put("conv2dInputAdjoint", r -> {
            ConvSetup s = ConvSetup.random(r);
            return new Instance(as -> Var.apply(new ConvolutionInputAdjoint(s.stride, s.padding, s.input), as[0], as[1]),
                new Tensor[] {GradCheck.normal(r, s.output), GradCheck.normal(r, s.weight)});
        });
        c.put("conv2dWeightAdjoint", r -> {
            ConvSetup s = ConvSetup.random(r);
            return new Instance(as -> Var.apply(new ConvolutionWeightAdjoint(s.stride, s.padding, s.weight), as[0], as[1]),
                new Tensor[] {GradCheck.normal(r, s.output), GradCheck.normal(r, s.input)});
        });
        c.put("spdLogDet", r -> {
            Tensor x = wellConditioned(r, dim(r, 4));
            return new Instance(as -> SpdLogDet.of(as[0]), new Tensor[] {x});
        });
        c.put("spdSolve", r -> {
            int n = dim(r, 4);
            Tensor x = wellConditioned(r, n);
            return new Instance(as -> SpdSolve.of(as[0], as[1]), new Tensor[] {x, GradCheck.normal(r, n, dim(r, 3))});
        });
        c.put("gram", r -> {
            int[] shape = r.nextBoolean() ? new int[] {dim(r, 4), dim(r, 3)} : new int[] {dim(r, 2), dim(r, 4), dim(r, 3)};
            return new Instance(as -> Gram.of(as[0]), new Tensor[] {GradCheck.normal(r, shape)});
        });
        return c;
    }

    /** {@code (n+1)·I} plus a small non-symmetric perturbation: its symmetric part is well conditioned. */
    private static Tensor wellConditioned(SplittableRandom r, int n) {
        return Tensor.eye(n).mul(n + 1.0).add(GradCheck.normal(r, n, n).mul(0.3));
    }

    /** Random convolution geometry. */
    record ConvSetup(int[] input, int[] weight, int[] output, int stride, int padding) {
        static ConvSetup random(SplittableRandom r) {
            int n = dim(r, 2);
            int c = dim(r, 2);
            int o = dim(r, 2);
            int k = 1 + r.nextInt(3);
            int stride = 1 + r.nextInt(2);
            int padding = r.nextInt(2);
            int h = k + r.nextInt(4);
            int w = k + r.nextInt(4);
            int ho = (h + 2 * padding - k) / stride + 1;
            int wo = (w + 2 * padding - k) / stride + 1;
            return new ConvSetup(new int[] {n, c, h, w}, new int[] {o, c, k, k}, new int[] {n, o, ho, wo},
                stride, padding);
        }
    }

    @Test
    void everyRegisteredPrimitiveHasAGradientCheck() {
        assertEquals(PrimitiveTable.all().keySet(), cases().keySet());
    }

    @TestFactory
    Stream<DynamicTest> gradientChecks() {
        return cases().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () ->
            qt().withExamples(EXAMPLES).withFixedSeed(e.getKey().hashCode()).forAll(longs().all())
                .checkAssert(seed -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    Instance inst = e.getValue().apply(r);
                    GradCheck.checkJvp(inst.f(), inst.xs(), r, 1e-6);
                    GradCheck.checkAdjoint(inst.f(), inst.xs(), r);
                    GradCheck.checkSecondOrder(as -> inst.f().apply(as).square(), inst.xs(), r, 1e-5);
                })));
    }
}
