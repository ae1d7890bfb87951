package org.jlaplace.laplace.predictive;

import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.LinearizedModel;
import org.jlaplace.laplace.curvature.KronCapture;
import org.jlaplace.laplace.likelihood.Likelihood;

import java.util.List;
import java.util.function.Consumer;

/**
 * One pass over the training data in consecutive chunks, handing each chunk's layer captures
 * (weighted by the likelihood's Hessian factor, scale included) to a sink. A chunk size of 0 means
 * "sized from the first datum's captures" ({@link TrainingChunks#captureChunkSize}): the first
 * chunk is that datum alone.
 */
final class CapturePass {
    private CapturePass() {
    }

    /**
     * @throws UnsupportedOperationException if the model's batches do not expose their layers
     *                                       (thrown by the first chunk, before any other work)
     */
    static void run(LinearizedModel train, Likelihood likelihood, int batchSize, Consumer<List<KronCapture>> sink) {
        int n = train.dataSize();
        int from = 0;
        int size = batchSize;
        if (size == 0) {
            List<KronCapture> first = captures(train.batch(TrainingChunks.range(0, 1, n)), likelihood);
            sink.accept(first);
            from = 1;
            size = TrainingChunks.captureChunkSize(first);
        }
        for (; from < n; from += size) {
            sink.accept(captures(train.batch(TrainingChunks.range(from, size, n)), likelihood));
        }
    }

    private static List<KronCapture> captures(JacobianBatch batch, Likelihood likelihood) {
        return batch.kronCaptures(likelihood.hessianFactor(batch.predictions(), batch.size()), likelihood.outputs());
    }
}
