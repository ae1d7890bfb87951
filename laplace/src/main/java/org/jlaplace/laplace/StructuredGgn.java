package org.jlaplace.laplace;

import org.jlaplace.core.linalg.Gemm;
import org.jlaplace.core.linalg.Parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The GGN {@code H⁰ = Σ_{n,r} g_nr g_nrᵀ} of a network made of Linear layers without forming the
 * rows {@code g_nr}: every parameter group's share of a row is {@code b_nr ⊗ ã_n} (weight:
 * cotangent ⊗ layer input; bias: cotangent ⊗ [1]), so block {@code (g, h)} is
 * {@code Σ_n Q_n ⊗ ã^g_n ã^hᵀ_n} with {@code Q_n = Σ_r b^g_nr b^hᵀ_nr}. Each {@code (o, o')}
 * sub-block is {@code Ã_gᵀ diag(Q[o, o']) Ã_h}; in all this costs {@code M·P_g·P_h} in all
 * instead of the {@code M·R·P_g·P_h} of {@code Bᵀ B}: {@code R} times fewer flops.
 */
final class StructuredGgn {

    /**
     * One parameter group: flat offset, its layer's cotangents {@code (M·R)×out} and inputs
     * {@code M×d} ({@code d = 1}, all ones, for a bias).
     */
    record Group(int offset, double[] cotangents, int out, double[] inputs, int d) {
    }

    /**
     * Groups that share their cotangents (a layer's weight and bias) taken together: the inputs
     * side by side, {@code Ã = [A_weight | 1]} ({@code M×dt}), and for every output unit {@code o}
     * and input column {@code c} the flat parameter index {@code index[o·dt + c]}.
     */
    private record Unit(double[] cotangents, int out, double[] inputs, int dt, int[] index) {
        static Unit of(List<Group> members, int m) {
            Group first = members.get(0);
            int dt = 0;
            for (Group g : members) {
                dt += g.d();
            }
            double[] inputs = new double[m * dt];
            int[] index = new int[first.out() * dt];
            int start = 0;
            for (Group g : members) {
                for (int n = 0; n < m; n++) {
                    System.arraycopy(g.inputs(), n * g.d(), inputs, n * dt + start, g.d());
                }
                for (int o = 0; o < first.out(); o++) {
                    for (int i = 0; i < g.d(); i++) {
                        index[o * dt + start + i] = g.offset() + o * g.d() + i;
                    }
                }
                start += g.d();
            }
            return new Unit(first.cotangents(), first.out(), inputs, dt, index);
        }
    }

    private StructuredGgn() {
    }

    /**
     * {@code Q_n[o][o'] = Σ_r b^g_nr[o] b^h_nr[o']} for the data {@code [from, to)}, stored
     * {@code [n][o][o']} in {@code q}.
     */
    private static void pairProducts(Unit g, Unit h, int r, double[] q, int from, int to) {
        int go = g.out();
        int ho = h.out();
        double[] bg = g.cotangents();
        double[] bh = h.cotangents();
        for (int n = from; n < to; n++) {
            int qn = n * go * ho;
            for (int dir = 0; dir < r; dir++) {
                int rg = (n * r + dir) * go;
                int rh = (n * r + dir) * ho;
                for (int o = 0; o < go; o++) {
                    double x = bg[rg + o];
                    if (x == 0.0) {
                        continue;
                    }
                    int base = qn + o * ho;
                    for (int o2 = 0; o2 < ho; o2++) {
                        q[base + o2] += x * bh[rh + o2];
                    }
                }
            }
        }
    }

    /**
     * The full {@code P×P} GGN; {@code onlyDiagonalBlocks} keeps the group-diagonal blocks.
     * {@link #full(List, int, int, int, boolean, int)} with the default thread count.
     */
    static double[] full(List<Group> groups, int m, int r, int p, boolean onlyDiagonalBlocks) {
        return full(groups, m, r, p, onlyDiagonalBlocks, Parallel.threads());
    }

    /**
     * The full {@code P×P} GGN; {@code onlyDiagonalBlocks} keeps the group-diagonal blocks. A
     * layer's weight and bias groups are taken as one unit with inputs {@code Ã = [A | 1]} (unless
     * only diagonal blocks are wanted). For each pair of units {@code (u, v)}, {@code u ≤ v}, and
     * each output unit {@code o} of {@code u}, the row block is one GEMM
     * {@code T = Ã_uᵀ V_o} ({@code dt_u × width}) with {@code V_o[n, (o', c')] = Q_n[o][o']·ã^v_nc'}
     * (only {@code o' ≥ o} when {@code u = v}); its entries are written to the upper triangle
     * and mirrored below at the end. The {@code (u, v, o)} blocks are shared out between
     * {@code threads} threads, each running its GEMMs on one thread: every entry is computed by
     * the same operations whichever thread takes its block, so the result does not depend on
     * {@code threads}.
     */
    static double[] full(List<Group> groups, int m, int r, int p, boolean onlyDiagonalBlocks, int threads) {
        List<Unit> units = units(groups, m, onlyDiagonalBlocks);
        List<int[]> pairs = new ArrayList<>();
        for (int u = 0; u < units.size(); u++) {
            for (int v = u; v < (onlyDiagonalBlocks ? u + 1 : units.size()); v++) {
                pairs.add(new int[] {u, v});
            }
        }
        double[][] q = new double[pairs.size()][];
        for (int k = 0; k < pairs.size(); k++) {
            q[k] = new double[m * units.get(pairs.get(k)[0]).out() * units.get(pairs.get(k)[1]).out()];
        }
        long workPerDatum = 0;
        for (int[] pair : pairs) {
            workPerDatum += (long) r * units.get(pair[0]).out() * units.get(pair[1]).out();
        }
        Parallel.forRange(m, workPerDatum, threads, (from, to) -> {
            for (int k = 0; k < pairs.size(); k++) {
                pairProducts(units.get(pairs.get(k)[0]), units.get(pairs.get(k)[1]), r, q[k], from, to);
            }
        });
        // The blocks (pair, o), the widest first so that the last ones to be claimed are short.
        List<int[]> blocks = new ArrayList<>();
        int widest = 0;
        int tallest = 0;
        for (int k = 0; k < pairs.size(); k++) {
            Unit u = units.get(pairs.get(k)[0]);
            Unit v = units.get(pairs.get(k)[1]);
            for (int o = 0; o < u.out(); o++) {
                blocks.add(new int[] {k, o, (v.out() - (u == v ? o : 0)) * v.dt()});
            }
            widest = Math.max(widest, v.out() * v.dt());
            tallest = Math.max(tallest, u.dt());
        }
        blocks.sort((a, b) -> Integer.compare(b[2], a[2]));
        double[] hMat = new double[p * p];
        int vSize = m * widest;
        int tSize = tallest * widest;
        AtomicInteger next = new AtomicInteger();
        int tasks = Math.max(1, Math.min(threads, blocks.size()));
        Parallel.forEach(tasks, tasks, t -> {
            // One V and one T per thread serve all its blocks: a fresh array per block would
            // allocate (and zero) the whole GGN's worth of memory again.
            double[] v = new double[vSize];
            double[] tile = new double[tSize];
            for (int b = next.getAndIncrement(); b < blocks.size(); b = next.getAndIncrement()) {
                int[] block = blocks.get(b);
                int[] pair = pairs.get(block[0]);
                rowBlock(units.get(pair[0]), units.get(pair[1]), pair[0] == pair[1], block[1], q[block[0]], m, p, v,
                        tile, hMat);
            }
        });
        mirrorUpper(hMat, p);
        return hMat;
    }

    /** The groups as units: one per layer (groups sharing cotangents), or one per group. */
    private static List<Unit> units(List<Group> groups, int m, boolean separate) {
        List<List<Group>> members = new ArrayList<>();
        for (Group g : groups) {
            List<Group> home = null;
            if (!separate) {
                for (List<Group> l : members) {
                    if (l.get(0).cotangents() == g.cotangents() && l.get(0).out() == g.out()) {
                        home = l;
                    }
                }
            }
            if (home == null) {
                home = new ArrayList<>();
                members.add(home);
            }
            home.add(g);
        }
        List<Unit> out = new ArrayList<>();
        for (List<Group> l : members) {
            out.add(Unit.of(l, m));
        }
        return out;
    }

    /**
     * Row block {@code o} of unit {@code u} against unit {@code v}: {@code T = Ã_uᵀ V_o} by one
     * single-threaded GEMM, then each entry to the upper triangle of {@code hMat}.
     */
    private static void rowBlock(Unit u, Unit v, boolean same, int o, double[] q, int m, int p, double[] vBuf,
                                 double[] tile, double[] hMat) {
        int first = same ? o : 0;
        int dv = v.dt();
        int width = (v.out() - first) * dv;
        int qStride = u.out() * v.out();
        double[] av = v.inputs();
        for (int n = 0; n < m; n++) {
            int qn = n * qStride + o * v.out();
            int vo = n * width;
            int ao = n * dv;
            for (int o2 = first; o2 < v.out(); o2++) {
                double w = q[qn + o2];
                int col = vo + (o2 - first) * dv;
                for (int i = 0; i < dv; i++) {
                    vBuf[col + i] = w * av[ao + i];
                }
            }
        }
        int du = u.dt();
        Gemm.gemm(true, false, du, width, m, 1.0, u.inputs(), 0, du, vBuf, 0, width, 0.0, tile, 0, width, 1);
        int[] rows = u.index();
        int[] cols = v.index();
        int colBase = first * dv;
        for (int c = 0; c < du; c++) {
            int row = rows[o * du + c];
            int t = c * width;
            for (int j = 0; j < width; j++) {
                int col = cols[colBase + j];
                if (row <= col) {
                    hMat[row * p + col] = tile[t + j];
                } else {
                    hMat[col * p + row] = tile[t + j];
                }
            }
        }
    }

    /** Copies the strict upper triangle of the {@code p×p} matrix below the diagonal, in cache-sized tiles. */
    static void mirrorUpper(double[] a, int p) {
        final int tile = 64;
        for (int i0 = 0; i0 < p; i0 += tile) {
            int i1 = Math.min(p, i0 + tile);
            for (int j0 = i0; j0 < p; j0 += tile) {
                int j1 = Math.min(p, j0 + tile);
                for (int i = i0; i < i1; i++) {
                    for (int j = Math.max(j0, i + 1); j < j1; j++) {
                        a[j * p + i] = a[i * p + j];
                    }
                }
            }
        }
    }

    /** The diagonal: {@code H_(o,i)(o,i) = Σ_n Q^gg_n[o][o]·ã_ni²}. */
    static double[] diagonal(List<Group> groups, int m, int r, int p) {
        double[] d = new double[p];
        for (Group g : groups) {
            for (int n = 0; n < m; n++) {
                for (int o = 0; o < g.out(); o++) {
                    double qoo = 0.0;
                    for (int dir = 0; dir < r; dir++) {
                        double b = g.cotangents()[(n * r + dir) * g.out() + o];
                        qoo += b * b;
                    }
                    for (int i = 0; i < g.d(); i++) {
                        double a = g.inputs()[n * g.d() + i];
                        d[g.offset() + o * g.d() + i] += qoo * a * a;
                    }
                }
            }
        }
        return d;
    }
}
