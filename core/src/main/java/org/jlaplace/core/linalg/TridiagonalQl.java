package org.jlaplace.core.linalg;

import java.util.Arrays;

/**
 * Eigenvalues of a symmetric tridiagonal matrix {@code T} (diagonal {@code d}, off-diagonal
 * {@code e}, {@code e_i} coupling {@code i} and {@code i+1}) by the implicit QL iteration with
 * Wilkinson shifts; its plane rotations go to a {@link RotationBatch}, which applied to the rows of
 * {@code Qᵀ} turns them into the eigenvectors.
 *
 * <p>For the top index {@code l} not yet converged, {@code m ≥ l} is the first index with a negligible
 * {@code |e_m| ≤ ε·max(|d_m| + |d_{m+1}|, ‖T‖)}, {@code ‖T‖ = max_i |d_i| + |e_i|} (the block
 * {@code [l, m]} splits off there). The absolute part, a backward error of {@code ε·‖T‖}, is needed
 * for clusters: there the off-diagonal entries stall at rounding level, which the purely relative
 * test may never accept. The shift
 * {@code σ} is the eigenvalue of the leading {@code 2×2} block of {@code [l, m]} nearer to
 * {@code d_l}. One QL sweep chases the bulge from {@code m} up to {@code l} with rotations of rows
 * {@code (i, i+1)}, {@code i = m−1 … l}, which is the QL step {@code T − σI = Q·L},
 * {@code T ← L·Q + σI} done implicitly. When {@code e_l} becomes negligible, {@code d_l} is an
 * eigenvalue and {@code l} moves on. The eigenvalues are left in {@code d}, unordered; rotation
 * {@code (i, c, s)} is recorded exactly when the eigenvector rows {@code i} and {@code i+1} must be
 * rotated by it.
 */
final class TridiagonalQl {

    private static final double EPS = Math.ulp(1.0) / 2;
    /** Sweeps per eigenvalue that use the guide shift (see {@link #solve(double[], double[], int, RotationBatch, double[])}). */
    static final int GUIDED_SWEEPS = 2;
    /** Sweeps allowed per eigenvalue before giving up (a few are typical). */
    static final int MAX_SWEEPS = 60;

    private TridiagonalQl() {
    }

    /**
     * Overwrites {@code d} with the eigenvalues and {@code e} with zeros.
     *
     * @throws IllegalStateException if an eigenvalue fails to converge in {@link #MAX_SWEEPS} sweeps
     */
    static void solve(double[] d, double[] e, int n, RotationBatch rotations) {
        solve(d, e, n, rotations, null);
    }

    /**
     * As {@link #solve(double[], double[], int, RotationBatch)}, but the first {@link #GUIDED_SWEEPS} sweeps
     * of each eigenvalue shift by the entry of {@code guides} (ascending, e.g. the eigenvalues of the
     * same {@code T} computed without vectors) nearest to the Wilkinson shift, when not {@code null}.
     * With such an almost exact shift, more eigenvalues deflate after a single sweep. At n = 1569 it was
     * 45 % of them, against a third with Wilkinson shifts; rounding (the forward instability of exact
     * shifts) keeps it from being all. Later sweeps fall back to the Wilkinson shift, which guarantees
     * convergence. Any shift keeps every sweep an orthogonal similarity, so the choice affects only the
     * number of rotations, not the backward error. {@code rotations} may be {@code null} (eigenvalues only).
     */
    static void solve(double[] d, double[] e, int n, RotationBatch rotations, double[] guides) {
        if (n > 0) {
            e[n - 1] = 0.0;
        }
        double norm = 0.0;
        for (int i = 0; i < n; i++) {
            norm = Math.max(norm, Math.abs(d[i]) + Math.abs(e[i]));
        }
        double tiny = Math.max(EPS * norm, Double.MIN_NORMAL);
        for (int l = 0; l < n; l++) {
            int sweeps = 0;
            while (true) {
                int m = l;
                while (m < n - 1 && !negligible(d, e, m, tiny)) {
                    m++;
                }
                if (m == l) {
                    break;
                }
                if (++sweeps > MAX_SWEEPS) {
                    throw new IllegalStateException("symmetricEigen: the tridiagonal QL iteration did not converge"
                            + " for eigenvalue " + l + " of " + n);
                }
                sweep(d, e, l, m, rotations, guides != null && sweeps <= GUIDED_SWEEPS ? guides : null);
            }
        }
    }

    private static boolean negligible(double[] d, double[] e, int m, double tiny) {
        double em = Math.abs(e[m]);
        return em <= tiny || em <= EPS * (Math.abs(d[m]) + Math.abs(d[m + 1]));
    }

    /** One implicit QL sweep with the Wilkinson shift on the unreduced block {@code [l, m]}. */
    private static void sweep(double[] d, double[] e, int l, int m, RotationBatch rotations, double[] guides) {
        double g = (d[l + 1] - d[l]) / (2.0 * e[l]);
        double r = hypot(g, 1.0);
        // g = d_m − σ, with σ = d_l − e_l/(g ± r) the eigenvalue of the leading 2×2 nearer d_l.
        g = d[m] - d[l] + e[l] / (g + Math.copySign(r, g));
        if (guides != null) {
            g = d[m] - nearest(guides, d[m] - g);
        }
        double s = 1.0;
        double c = 1.0;
        double p = 0.0;
        for (int i = m - 1; i >= l; i--) {
            double f = s * e[i];
            double b = c * e[i];
            r = hypot(f, g);
            e[i + 1] = r;
            if (r == 0.0) {
                // The bulge vanished: T splits at i+1; undo the pending shift of d[i+1] and start over.
                d[i + 1] -= p;
                e[m] = 0.0;
                return;
            }
            s = f / r;
            c = g / r;
            g = d[i + 1] - p;
            r = (d[i] - g) * s + 2.0 * c * b;
            p = s * r;
            d[i + 1] = g + p;
            g = c * r - b;
            if (rotations != null) {
                rotations.add(i, c, s);
            }
        }
        d[l] -= p;
        e[l] = g;
        e[m] = 0.0;
    }

    /** The entry of the ascending {@code values} nearest to {@code x}. */
    static double nearest(double[] values, double x) {
        int at = Arrays.binarySearch(values, x);
        if (at >= 0) {
            return values[at];
        }
        int hi = -at - 1;
        if (hi == 0) {
            return values[0];
        }
        if (hi == values.length) {
            return values[hi - 1];
        }
        return x - values[hi - 1] <= values[hi] - x ? values[hi - 1] : values[hi];
    }

    /** {@code √(a² + b²)}, directly when that cannot overflow or lose precision to underflow, else {@link Math#hypot}. */
    static double hypot(double a, double b) {
        double sq = a * a + b * b;
        if (sq > 1e-290 && sq < 1e290) {
            return Math.sqrt(sq);
        }
        return Math.hypot(a, b);
    }
}
