package org.jlaplace.core;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A dense tensor of doubles: {@code data[offset + Σ idx[i]·strides[i]]} is the element at
 * {@code idx}. Value semantics: operations return new tensors (views share storage where stated);
 * only the explicitly named in-place methods mutate.
 */
public final class Tensor {
    private final double[] data;
    private final int offset;
    private final int[] shape;
    private final int[] strides;
    private final int size;

    Tensor(double[] data, int offset, int[] shape, int[] strides) {
        this.data = data;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
        this.size = Shapes.checkedSize("Tensor", shape);
    }

    private static UnsupportedOperationException todo(String name) {
        return new UnsupportedOperationException("Tensor." + name + ": not implemented yet");
    }

    // ---- factories ----
    public static Tensor of(double[] data, int... shape) {
        int n = Shapes.checkedSize("Tensor.of", shape);
        if (data.length != n) {
            throw new IllegalArgumentException("Tensor.of: " + data.length + " values do not fill shape " + Shapes.str(shape));
        }
        int[] s = shape.clone();
        return new Tensor(data, 0, s, Shapes.contiguousStrides(s));
    }

    public static Tensor copyOf(double[] data, int... shape) {
        return of(data.clone(), shape);
    }

    public static Tensor scalar(double value) {
        return of(new double[] {value});
    }

    public static Tensor zeros(int... shape) {
        return of(new double[Shapes.checkedSize("Tensor.zeros", shape)], shape);
    }

    public static Tensor ones(int... shape) {
        return full(1.0, shape);
    }

    public static Tensor full(double value, int... shape) {
        double[] d = new double[Shapes.checkedSize("Tensor.full", shape)];
        java.util.Arrays.fill(d, value);
        return of(d, shape);
    }

    public static Tensor eye(int n) {
        throw todo("eye");
    }

    public static Tensor arange(int n) {
        throw todo("arange");
    }

    public static Tensor fromRows(double[][] rows) {
        throw todo("fromRows");
    }

    // ---- facts ----
    public int[] shape() {
        return shape.clone();
    }

    public int dim(int axis) {
        return shape[Shapes.axis("Tensor.dim", axis, shape)];
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return size;
    }

    public boolean isContiguous() {
        throw todo("isContiguous");
    }

    public double item() {
        throw todo("item");
    }

    public double get(int... idx) {
        throw todo("get");
    }

    public double[] toArray() {
        throw todo("toArray");
    }

    public double[] data() {
        throw todo("data");
    }

    public double[][] toRows() {
        throw todo("toRows");
    }

    // ---- in place ----
    public Tensor set(double v, int... idx) {
        throw todo("set");
    }

    public Tensor addInPlace(Tensor other) {
        throw todo("addInPlace");
    }

    public Tensor scaleInPlace(double factor) {
        throw todo("scaleInPlace");
    }

    public Tensor fill(double value) {
        throw todo("fill");
    }

    // ---- views ----
    public Tensor reshape(int... newShape) {
        throw todo("reshape");
    }

    public Tensor transpose() {
        throw todo("transpose");
    }

    public Tensor permute(int... axes) {
        throw todo("permute");
    }

    public Tensor slice(int axis, int start, int end) {
        throw todo("slice");
    }

    public Tensor select(int axis, int index) {
        throw todo("select");
    }

    public Tensor broadcastTo(int... target) {
        throw todo("broadcastTo");
    }

    public Tensor unsqueeze(int axis) {
        throw todo("unsqueeze");
    }

    public Tensor squeeze(int axis) {
        throw todo("squeeze");
    }

    public Tensor contiguous() {
        throw todo("contiguous");
    }

    public Tensor copy() {
        throw todo("copy");
    }

    // ---- elementwise ----
    public Tensor add(Tensor o) { throw todo("add"); }
    public Tensor add(double v) { throw todo("add"); }
    public Tensor sub(Tensor o) { throw todo("sub"); }
    public Tensor sub(double v) { throw todo("sub"); }
    public Tensor mul(Tensor o) { throw todo("mul"); }
    public Tensor mul(double v) { throw todo("mul"); }
    public Tensor div(Tensor o) { throw todo("div"); }
    public Tensor div(double v) { throw todo("div"); }
    public Tensor maximum(Tensor o) { throw todo("maximum"); }
    public Tensor maximum(double v) { throw todo("maximum"); }
    public Tensor minimum(Tensor o) { throw todo("minimum"); }
    public Tensor minimum(double v) { throw todo("minimum"); }
    public Tensor pow(Tensor o) { throw todo("pow"); }
    public Tensor pow(double v) { throw todo("pow"); }
    public Tensor neg() { throw todo("neg"); }
    public Tensor exp() { throw todo("exp"); }
    public Tensor log() { throw todo("log"); }
    public Tensor log1p() { throw todo("log1p"); }
    public Tensor expm1() { throw todo("expm1"); }
    public Tensor sqrt() { throw todo("sqrt"); }
    public Tensor square() { throw todo("square"); }
    public Tensor abs() { throw todo("abs"); }
    public Tensor sign() { throw todo("sign"); }
    public Tensor tanh() { throw todo("tanh"); }
    public Tensor sigmoid() { throw todo("sigmoid"); }
    public Tensor relu() { throw todo("relu"); }
    public Tensor erf() { throw todo("erf"); }
    public Tensor gtMask(double threshold) { throw todo("gtMask"); }
    public Tensor map(DoubleUnaryOperator f) { throw todo("map"); }
    public Tensor zip(Tensor o, DoubleBinaryOperator f) { throw todo("zip"); }
    public static Tensor where(Tensor cond, Tensor a, Tensor b) { throw todo("where"); }

    // ---- reductions ----
    public double sum() { throw todo("sum"); }
    public Tensor sum(int axis, boolean keepDims) { throw todo("sum"); }
    public Tensor sum(int[] axes, boolean keepDims) { throw todo("sum"); }
    public double mean() { throw todo("mean"); }
    public Tensor mean(int axis, boolean keepDims) { throw todo("mean"); }
    public Tensor mean(int[] axes, boolean keepDims) { throw todo("mean"); }
    public double max() { throw todo("max"); }
    public Tensor max(int axis, boolean keepDims) { throw todo("max"); }
    public int[] argmax(int axis) { throw todo("argmax"); }
    public Tensor logsumexp(int axis, boolean keepDims) { throw todo("logsumexp"); }
    public Tensor softmax(int axis) { throw todo("softmax"); }
    public Tensor logSoftmax(int axis) { throw todo("logSoftmax"); }
    public Tensor sumTo(int... target) { throw todo("sumTo"); }
    public double dot(Tensor o) { throw todo("dot"); }
    public double norm2() { throw todo("norm2"); }

    // ---- linear algebra ----
    public Tensor matmul(Tensor o) { throw todo("matmul"); }
    public Tensor outer(Tensor o) { throw todo("outer"); }

    // ---- joining / indexing ----
    public static Tensor concat(int axis, Tensor... parts) { throw todo("concat"); }
    public static Tensor stack(int axis, Tensor... parts) { throw todo("stack"); }
    public Tensor indexSelect(int axis, int[] idx) { throw todo("indexSelect"); }
    public static Tensor oneHot(int[] labels, int classes) { throw todo("oneHot"); }

    // ---- comparison ----
    public boolean allClose(Tensor o, double rtol, double atol) { throw todo("allClose"); }
    public double maxAbsDiff(Tensor o) { throw todo("maxAbsDiff"); }
}
