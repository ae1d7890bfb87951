package org.jlaplace.laplace;

import org.jlaplace.core.linalg.Gemm;

import java.util.List;

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

    private StructuredGgn() {
    }

    /** {@code Q_n[o][o'] = Σ_r b^g_nr[o] b^h_nr[o']}, stored {@code [o][o'][n]}. */
    private static double[] pairProducts(Group g, Group h, int m, int r) {
        double[] q = new double[g.out() * h.out() * m];
        for (int n = 0; n < m; n++) {
            for (int dir = 0; dir < r; dir++) {
                int bg = (n * r + dir) * g.out();
                int bh = (n * r + dir) * h.out();
                for (int o = 0; o < g.out(); o++) {
                    double x = g.cotangents()[bg + o];
                    if (x == 0.0) {
                        continue;
                    }
                    int base = o * h.out() * m + n;
                    for (int o2 = 0; o2 < h.out(); o2++) {
                        q[base + o2 * m] += x * h.cotangents()[bh + o2];
                    }
                }
            }
        }
        return q;
    }

    /**
     * The full {@code P×P} GGN; {@code onlyDiagonalBlocks} keeps the group-diagonal blocks. For
     * each output unit {@code o} of group {@code g} the row block is one GEMM
     * {@code H[(o,·), (o',·)] = Ã_gᵀ V_o} with {@code V_o[n, (o', i')] = Q_n[o][o']·ã^h_ni'}
     * (only {@code o' ≥ o} inside a diagonal block, the rest by symmetry).
     */
    static double[] full(List<Group> groups, int m, int r, int p, boolean onlyDiagonalBlocks) {
        double[] hMat = new double[p * p];
        int widest = 0;
        for (Group h : groups) {
            widest = Math.max(widest, h.out() * h.d());
        }
        // One buffer serves every V_o: a fresh M×width array per output unit would allocate
        // (and zero) the whole GGN's worth of memory again, which dominated the cost.
        double[] v = new double[m * widest];
        for (int gi = 0; gi < groups.size(); gi++) {
            Group g = groups.get(gi);
            for (int hi = gi; hi < groups.size(); hi++) {
                if (onlyDiagonalBlocks && hi != gi) {
                    continue;
                }
                Group h = groups.get(hi);
                double[] q = pairProducts(g, h, m, r);
                int dh = h.d();
                for (int o = 0; o < g.out(); o++) {
                    int first = gi == hi ? o : 0;
                    int width = (h.out() - first) * dh;
                    for (int o2 = first; o2 < h.out(); o2++) {
                        int qo = (o * h.out() + o2) * m;
                        int col = (o2 - first) * dh;
                        for (int n = 0; n < m; n++) {
                            double w = q[qo + n];
                            int vo = n * width + col;
                            int ao = n * dh;
                            for (int i = 0; i < dh; i++) {
                                v[vo + i] = w * h.inputs()[ao + i];
                            }
                        }
                    }
                    int row = g.offset() + o * g.d();
                    int col = h.offset() + first * dh;
                    Gemm.gemm(true, false, g.d(), width, m, 1.0, g.inputs(), 0, g.d(), v, 0, width, 0.0,
                            hMat, row * p + col, p);
                }
            }
        }
        // Every computed entry lies on or above the block diagonal: mirror it below.
        for (int i = 0; i < p; i++) {
            for (int j = i + 1; j < p; j++) {
                hMat[j * p + i] = hMat[i * p + j];
            }
        }
        return hMat;
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
