package org.jlaplace.laplace.internal;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.Arrays;

/** Eigenvalues of a symmetric matrix (EJML's symmetric QR algorithm), ascending. */
public final class SymmetricEigenvalues {
    private SymmetricEigenvalues() {
    }

    public static double[] of(double[] a, int n) {
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        System.arraycopy(a, 0, m.data, 0, n * n);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eig.decompose(m)) {
            throw new ArithmeticException("symmetric eigenvalues: decomposition of a " + n + "×" + n
                    + " matrix failed to converge");
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = eig.getEigenvalue(i).real;
        }
        Arrays.sort(v);
        return v;
    }
}
