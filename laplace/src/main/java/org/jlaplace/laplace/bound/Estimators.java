package org.jlaplace.laplace.bound;

import org.jlaplace.laplace.curvature.GgnStructure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongFunction;

/**
 * The registry of estimators. Each entry makes a fresh estimator from a seed (used only by
 * estimators that sample, {@link BoundEstimator#isStochastic()}); the key is the estimator's own
 * {@link BoundEstimator#name()}, so the two cannot disagree. Add a line to the static block and
 * the command line and the registry-wide property tests pick the new estimator up, reading what
 * it supports from its declarations.
 */
public final class Estimators {
    private static final Map<String, LongFunction<BoundEstimator<?>>> REGISTRY = new LinkedHashMap<>();

    static {
        register(seed -> exact());
        register(seed -> kernel());
        register(seed -> new OutputwiseEstimator(false, null));
        register(seed -> new OutputwiseEstimator(true, null));
        register(seed -> new OutputwiseEstimator(false, new SplittableRandom(seed)));
        register(seed -> new ParametricEstimator(GgnStructure.FULL));
        register(seed -> new ParametricEstimator(GgnStructure.DIAGONAL));
        register(seed -> new ParametricEstimator(GgnStructure.BLOCK_DIAGONAL));
        register(seed -> kron());
        register(seed -> new TraceKernelEstimator());
    }

    private Estimators() {
    }

    /** Registers {@code factory} under the name of the estimator it makes; a name can be taken once. */
    private static void register(LongFunction<BoundEstimator<?>> factory) {
        String name = factory.apply(0L).name();
        if (REGISTRY.putIfAbsent(name, factory) != null) {
            throw new IllegalStateException("estimator registry: '" + name + "' registered twice");
        }
    }

    /** The exact log marginal likelihood (whole data, the smaller of the two equal forms). */
    public static ExactEstimator exact() {
        return new ExactEstimator();
    }

    /** The kernel partition bound. */
    public static KernelPartitionEstimator kernel() {
        return new KernelPartitionEstimator();
    }

    /** The KFAC approximation. */
    public static KronEstimator kron() {
        return new KronEstimator();
    }

    /** The parametric partition bound with the GGN in the given structure (full, diagonal, block-diagonal). */
    public static ParametricEstimator parametric(GgnStructure structure) {
        return new ParametricEstimator(structure);
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

    /** A fresh instance of every registered estimator, in registration order; {@code seed} drives sampling. */
    public static List<BoundEstimator<?>> all(long seed) {
        List<BoundEstimator<?>> out = new ArrayList<>();
        for (LongFunction<BoundEstimator<?>> f : REGISTRY.values()) {
            out.add(f.apply(seed));
        }
        return out;
    }

    /** {@link #all(long)} with seed 0. */
    public static List<BoundEstimator<?>> all() {
        return all(0L);
    }
}
