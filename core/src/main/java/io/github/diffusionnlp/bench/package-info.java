/**
 * The {@code benchmark} and {@code load-benchmark} commands' measurements: matrix-multiply ceiling, training
 * throughput, sampling latency, memory over many calls, and the scratch directory of the training measurement.
 *
 * <p><b>Internal:</b> public for core's other packages ({@code cli}, {@code eval}); no compatibility promise.
 * The commands are the interface.
 */
package io.github.diffusionnlp.bench;
