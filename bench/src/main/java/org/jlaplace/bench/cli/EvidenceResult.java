package org.jlaplace.bench.cli;

import java.util.Map;
import org.jlaplace.bench.report.Json;

/**
 * The result of {@code jlaplace evidence}: {@code logMarglik = logLikelihood + logPrior − ½·logDetRatio}
 * (CLI.md). Gradients are {@code null} unless requested; {@code gradLogSigma} is
 * {@code null} for classification.
 */
public record EvidenceResult(String estimator, int n, int outputs, int parameters, int batchSize,
                             double logMarglik, double logLikelihood, double logPrior, double logDetRatio,
                             double[] gradLogPriorPrecision, Double gradLogSigma, double seconds) {

    /** The JSON object of CLI.md, keys in the documented order. */
    public Map<String, Object> toJson() {
        Map<String, Object> o = Json.object();
        o.put("estimator", estimator);
        o.put("n", n);
        o.put("outputs", outputs);
        o.put("parameters", parameters);
        o.put("batch_size", batchSize);
        o.put("log_marglik", logMarglik);
        o.put("log_likelihood", logLikelihood);
        o.put("log_prior", logPrior);
        o.put("log_det_ratio", logDetRatio);
        if (gradLogPriorPrecision != null) {
            o.put("grad_log_prior_precision", gradLogPriorPrecision);
            o.put("grad_log_sigma", gradLogSigma);
        }
        o.put("seconds", seconds);
        return o;
    }

    /** Human-readable lines for the console. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("estimator        %s (batch size %d)%n", estimator, batchSize));
        sb.append(String.format("data             n=%d, outputs=%d; parameters P=%d%n", n, outputs, parameters));
        sb.append(String.format("log marglik      %.6f%n", logMarglik));
        sb.append(String.format("  log lik        %.6f%n", logLikelihood));
        sb.append(String.format("  log prior      %.6f%n", logPrior));
        sb.append(String.format("  log det ratio  %.6f  (enters as -1/2 of it)%n", logDetRatio));
        if (gradLogPriorPrecision != null) {
            sb.append("d/d log δ        ").append(java.util.Arrays.toString(gradLogPriorPrecision)).append('\n');
            if (gradLogSigma != null) {
                sb.append(String.format("d/d log σ        %.6f%n", gradLogSigma));
            }
        }
        sb.append(String.format("seconds          %.3f%n", seconds));
        return sb.toString();
    }
}
