package org.jlaplace.laplace.bound;

import org.jlaplace.laplace.curvature.GgnStructure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongFunction;

/**
 * The registry of estimators by name. Each entry makes a fresh estimator from a seed (used only
 * by estimators that sample, e.g. {@code outputwise-single}). Add a line to {@link #REGISTRY}
 * and the command line offers the new name.
 */
public final class Estimators {
    private static final Map<String, LongFunction<BoundEstimator<?>>> REGISTRY = new LinkedHashMap<>();

    static {
        register("exact", seed -> new ExactEstimator());
        register("kernel", seed -> new KernelPartitionEstimator());
        register("outputwise", seed -> new OutputwiseEstimator(false, null));
        register("outputwise-diag", seed -> new OutputwiseEstimator(true, null));
        register("outputwise-single", seed -> new OutputwiseEstimator(false, new SplittableRandom(seed)));
        register("parametric", seed -> new ParametricEstimator(GgnStructure.FULL));
        register("diag", seed -> new ParametricEstimator(GgnStructure.DIAGONAL));
        register("blockdiag", seed -> new ParametricEstimator(GgnStructure.BLOCK_DIAGONAL));
        register("kron", seed -> new KronEstimator());
        register("trace-kernel", seed -> new TraceKernelEstimator());
    }

    private Estimators() {
    }

    private static void register(String name, LongFunction<BoundEstimator<?>> factory) {
        REGISTRY.put(name, factory);
    }

    /** The estimator of that name (seed 0). */
    public static BoundEstimator<?> byName(String name) {
        return byName(name, 0L);
    }

    /** The estimator of that name; {@code seed} drives its sampling, if any. */
    public static BoundEstimator<?> byName(String name, long seed) {
        LongFunction<BoundEstimator<?>> f = REGISTRY.get(name);
        if (f == null) {
            throw new IllegalArgumentException("estimator: unknown name '" + name + "', expected one of " + names());
        }
        return f.apply(seed);
    }

    /** Every registered name, in registration order. */
    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }
}
