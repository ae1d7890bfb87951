package org.jlaplace.autodiff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two sweeps over a recorded graph: reverse (cotangents from the output back to the
 * sources, by the VJP rules) and forward (tangents from the sources to the output, by the JVP
 * rules). Both visit only the nodes that depend on a source, in creation order.
 */
final class Sweeps {

    private Sweeps() {
    }

    /**
     * The part of a graph that a sweep visits, computed once for an output and its sources and
     * reused by every sweep over it (a Jacobian sweeps the same graph once per row or column).
     */
    static final class Plan {
        final Var output;
        final Var[] sources;
        final Set<Var> sourceSet;
        final Set<Var> dependent;
        final List<Var> order;

        Plan(Var output, Var[] sources) {
            this.output = output;
            this.sources = sources.clone();
            this.sourceSet = sourceSet(sources);
            this.dependent = identitySet();
            this.order = dependents(output, sourceSet, dependent);
        }
    }

    private static Set<Var> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /**
     * The nodes reachable from {@code output} that depend on one of the sources (the sources
     * included), in creation (= topological) order. Nodes older than every source cannot depend
     * on one, so the search stops there.
     */
    private static List<Var> dependents(Var output, Set<Var> sources, Set<Var> dependentSet) {
        long oldest = Long.MAX_VALUE;
        for (Var s : sources) {
            oldest = Math.min(oldest, s.id());
        }
        List<Var> reached = new ArrayList<>();
        Set<Var> seen = identitySet();
        ArrayDeque<Var> stack = new ArrayDeque<>();
        if (output.id() >= oldest && (output.isTracked() || sources.contains(output))) {
            stack.push(output);
        }
        while (!stack.isEmpty()) {
            Var n = stack.pop();
            if (!seen.add(n)) {
                continue;
            }
            reached.add(n);
            for (Var in : n.inputs()) {
                if (in.isTracked() && in.id() >= oldest && !seen.contains(in)) {
                    stack.push(in);
                }
            }
        }
        reached.sort(Comparator.comparingLong(Var::id));
        List<Var> order = new ArrayList<>();
        for (Var n : reached) {
            boolean depends = sources.contains(n);
            for (Var in : n.inputs()) {
                depends |= dependentSet.contains(in);
            }
            if (depends) {
                dependentSet.add(n);
                order.add(n);
            }
        }
        return order;
    }

    /** A rule returned a wrongly shaped result: a bug in a primitive, not bad user input. */
    private static void checkShape(Var got, int[] expected, String what) {
        if (!Arrays.equals(got.shape(), expected)) {
            throw new IllegalStateException(what + " has shape " + Arrays.toString(got.shape())
                + ", expected " + Arrays.toString(expected));
        }
    }

    /** A caller passed a tangent or cotangent whose shape does not match. */
    private static void checkArgumentShape(Var got, int[] expected, String what) {
        if (got == null || !Arrays.equals(got.shape(), expected)) {
            throw new IllegalArgumentException(what + " has shape "
                + (got == null ? "null" : Arrays.toString(got.shape())) + ", expected " + Arrays.toString(expected));
        }
    }

    private static Set<Var> sourceSet(Var[] sources) {
        Set<Var> set = identitySet();
        set.addAll(Arrays.asList(sources));
        return set;
    }

    /**
     * Reverse sweep: {@code (∂output/∂source_i)ᵀ · seed} for every source.
     *
     * @param createGraph record the sweep itself even at depth 0 (so the result can be
     *                    differentiated by a later low-level call)
     */
    static Var[] reverse(Var output, Var seed, Var[] sources, boolean createGraph) {
        return reverse(new Plan(output, sources), seed, createGraph);
    }

    /** Reverse sweep over a precomputed plan. */
    static Var[] reverse(Plan plan, Var seed, boolean createGraph) {
        Var output = plan.output;
        Var[] sources = plan.sources;
        checkArgumentShape(seed, output.shape(), "vjp: the cotangent");
        boolean suppressed = Trace.beginSweep(createGraph);
        try {
            Set<Var> sourceSet = plan.sourceSet;
            Set<Var> dependent = plan.dependent;
            List<Var> order = plan.order;
            Map<Var, Var> cotangents = new IdentityHashMap<>();
            if (dependent.contains(output)) {
                cotangents.put(output, seed);
            }
            for (int i = order.size() - 1; i >= 0; i--) {
                Var node = order.get(i);
                Var g = sourceSet.contains(node) ? cotangents.get(node) : cotangents.remove(node);
                Var[] inputs = node.inputs();
                if (g == null || inputs.length == 0) {
                    continue;
                }
                boolean[] needed = new boolean[inputs.length];
                boolean any = false;
                for (int j = 0; j < inputs.length; j++) {
                    needed[j] = dependent.contains(inputs[j]);
                    any |= needed[j];
                }
                if (!any) {
                    continue;
                }
                Var[] grads = node.primitive().vjp(inputs, node, g, needed);
                for (int j = 0; j < inputs.length; j++) {
                    if (!needed[j] || grads[j] == null) {
                        continue;
                    }
                    checkShape(grads[j], inputs[j].shape(),
                        "VJP of '" + node.primitive().name() + "' for input " + j);
                    cotangents.merge(inputs[j], grads[j], Var::add);
                }
            }
            Var[] result = new Var[sources.length];
            for (int i = 0; i < sources.length; i++) {
                Var g = cotangents.get(sources[i]);
                result[i] = g != null ? g : Var.zeros(sources[i].shape());
            }
            return result;
        } finally {
            Trace.endSweep(suppressed);
        }
    }

    /**
     * Forward sweep: {@code Σ_i (∂output/∂source_i) · tangents[i]}.
     *
     * @param createGraph record the sweep itself even at depth 0
     */
    static Var forward(Var output, Var[] sources, Var[] tangents, boolean createGraph) {
        return forward(new Plan(output, sources), tangents, createGraph);
    }

    /** Forward sweep over a precomputed plan. */
    static Var forward(Plan plan, Var[] tangents, boolean createGraph) {
        Var output = plan.output;
        Var[] sources = plan.sources;
        if (tangents.length != sources.length) {
            throw new IllegalArgumentException("jvp: " + tangents.length + " tangents for "
                + sources.length + " arguments");
        }
        for (int i = 0; i < sources.length; i++) {
            checkArgumentShape(tangents[i], sources[i].shape(), "jvp: tangent " + i);
        }
        boolean suppressed = Trace.beginSweep(createGraph);
        try {
            Set<Var> sourceSet = plan.sourceSet;
            List<Var> order = plan.order;
            Map<Var, Var> tangentOf = new IdentityHashMap<>();
            for (int i = 0; i < sources.length; i++) {
                tangentOf.merge(sources[i], tangents[i], Var::add);
            }
            for (Var node : order) {
                Var[] inputs = node.inputs();
                if (sourceSet.contains(node) || inputs.length == 0) {
                    continue;
                }
                Var[] ts = new Var[inputs.length];
                boolean any = false;
                for (int j = 0; j < inputs.length; j++) {
                    ts[j] = tangentOf.get(inputs[j]);
                    any |= ts[j] != null;
                }
                if (!any) {
                    continue;
                }
                Var t = node.primitive().jvp(inputs, node, ts);
                checkShape(t, node.shape(), "JVP of '" + node.primitive().name() + "'");
                tangentOf.put(node, t);
            }
            Var t = tangentOf.get(output);
            return t != null ? t : Var.zeros(output.shape());
        } finally {
            Trace.endSweep(suppressed);
        }
    }
}
